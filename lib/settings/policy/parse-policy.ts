import { PROVIDER_IDS, PROVIDERS, isProviderId, type ProviderId } from '../../providers/catalog';
import { MIN_PAGE_BUDGET } from '../parse-stored';
import { parsePolicyPrompts } from './parse-policy-prompts';
import { PROVIDER_FORMS } from '../provider-forms';
import { parseAllowedSites, parseBlockedSites, parsePageRules, parseTextProviders } from './parse-page-text-policy';
import { parseProviderPolicies, type ProviderForms } from './parse-provider-policy';
import { describeType, isRecord, type Note } from './policy-values';
import type { ParsedPolicy, Policy, PolicyNotice } from './types';

type KeyParser<K extends keyof Policy> = (value: unknown, note: Note, forms: ProviderForms) => Policy[K] | undefined;

const IDS = PROVIDER_IDS.join(', ');

function parseBoolean<K extends 'allowAddPage' | 'allowContextMenu'>(key: K): KeyParser<K> {
  return (value, note) => {
    if (typeof value === 'boolean') return value;
    note(key, `must be true or false; it is ${describeType(value)}.`);
    return undefined;
  };
}

/** One parser per key: `-?` makes the compiler ask for a parser for every key added to Policy. */
const PARSERS: { [K in keyof Policy]-?: KeyParser<K> } = {
  providers: (value, note, forms) => parseProviderPolicies(value, note, forms),

  allowedProviders: (value, note) => {
    if (!Array.isArray(value)) {
      note('allowedProviders', `must be a list of provider IDs (${IDS}); it is ${describeType(value)}.`);
      return undefined;
    }
    for (const entry of value)
      if (!isProviderId(entry))
        note('allowedProviders', `lists ${typeof entry === 'string' ? `"${entry}", which is not a provider omni-ai knows` : describeType(entry)}; that entry is ignored (provider IDs: ${IDS}).`);
    // In catalog order, whatever order the admin wrote: the "Provider" combobox keeps one order.
    const allowed = PROVIDER_IDS.filter((id) => value.includes(id));
    if (allowed.length > 0) return allowed;
    note('allowedProviders', 'names no provider omni-ai knows, so every provider stays offered.');
    return undefined;
  },

  defaultProvider: (value, note) => {
    if (isProviderId(value)) return value;
    note('defaultProvider', `must be one provider ID (${IDS}).`);
    return undefined;
  },

  defaultModel: (value, note) => {
    if (typeof value === 'string' && value.trim()) return value.trim();
    note('defaultModel', 'must be a model name.');
    return undefined;
  },

  systemPrompt: (value, note) => {
    if (typeof value === 'string') return value.trim();
    note('systemPrompt', `must be a string; it is ${describeType(value)}.`);
    return undefined;
  },

  pageBudget: (value, note) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_PAGE_BUDGET) return value;
    note('pageBudget', `must be a whole number of characters, at least ${MIN_PAGE_BUDGET}.`);
    return undefined;
  },

  allowAddPage: parseBoolean('allowAddPage'),
  allowContextMenu: parseBoolean('allowContextMenu'),
  pageAllowedSites: parseAllowedSites,
  pageBlockedSites: parseBlockedSites,
  pageTextProviders: parseTextProviders,
  pageRules: parsePageRules,
  prompts: (value, note) => parsePolicyPrompts(value, note),
};

/** Every key omni-ai's policy has; public/managed_schema.json declares exactly these (a unit test checks). */
export const POLICY_KEYS = Object.keys(PARSERS) as ReadonlyArray<keyof Policy>;

const label = (id: ProviderId) => `${id} (${PROVIDERS[id].label})`;

/** Checks between keys, once each key is valid on its own: a default must be one that is offered. */
function reconcile(policy: Policy, note: Note): void {
  const { allowedProviders, defaultProvider, defaultModel } = policy;
  if (defaultProvider && allowedProviders && !allowedProviders.includes(defaultProvider)) {
    note('defaultProvider', `${label(defaultProvider)} is not among allowedProviders, so it cannot be the default.`);
    delete policy.defaultProvider;
  }
  if (defaultModel === undefined) return;
  if (!policy.defaultProvider) {
    note('defaultModel', 'applies to defaultProvider, which is not set (or was ignored).');
    delete policy.defaultModel;
    return;
  }
  const locked = (policy.providers?.[policy.defaultProvider] as { models?: string[] } | undefined)?.models;
  if (locked && !locked.includes(defaultModel)) {
    note('defaultModel', `is not one of the models the policy sets for ${label(policy.defaultProvider)}.`);
    delete policy.defaultModel;
  }
}

/**
 * Validates everything in `storage.managed`, value by value: Firefox checks nothing and Chrome only
 * types (docs/POLICY.md). A bad value is dropped with a notice naming its key; it never takes the
 * rest of the policy with it. Never throws, whatever it is given.
 */
export function parsePolicy(raw: unknown, forms: ProviderForms = PROVIDER_FORMS): ParsedPolicy {
  const notices: PolicyNotice[] = [];
  const note: Note = (key, message) => notices.push({ key, message });
  const policy: Record<string, unknown> = {};
  if (!isRecord(raw)) return { policy, notices };
  // Key by key in the documented order, so notices read the same whatever order the source had
  // (Chrome hands the keys back sorted; Firefox as written).
  for (const key of POLICY_KEYS) {
    if (raw[key] === undefined) continue;
    const parsed = (PARSERS[key] as KeyParser<keyof Policy>)(raw[key], note, forms);
    if (parsed !== undefined) policy[key] = parsed;
  }
  reconcile(policy as Policy, note);
  for (const key of Object.keys(raw))
    if (!Object.hasOwn(PARSERS, key)) note(key, 'is not a policy this version of omni-ai knows; it is ignored.');
  return { policy: policy as Policy, notices };
}
