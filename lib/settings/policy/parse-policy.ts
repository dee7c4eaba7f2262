import { t } from '../../i18n/t';
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
    note(key, t('policy_not_boolean', describeType(value)));
    return undefined;
  };
}

/** One parser per key: `-?` makes the compiler ask for a parser for every key added to Policy. */
const PARSERS: { [K in keyof Policy]-?: KeyParser<K> } = {
  providers: (value, note, forms) => parseProviderPolicies(value, note, forms),

  allowedProviders: (value, note) => {
    if (!Array.isArray(value)) {
      note('allowedProviders', t('policy_providers_not_list', IDS, describeType(value)));
      return undefined;
    }
    for (const entry of value)
      if (!isProviderId(entry))
        note('allowedProviders', typeof entry === 'string' ? t('policy_provider_unknown_entry', entry, IDS) : t('policy_provider_bad_entry', describeType(entry), IDS));
    // In catalog order, whatever order the admin wrote: the "Provider" combobox keeps one order.
    const allowed = PROVIDER_IDS.filter((id) => value.includes(id));
    if (allowed.length > 0) return allowed;
    note('allowedProviders', t('policy_no_known_provider'));
    return undefined;
  },

  defaultProvider: (value, note) => {
    if (isProviderId(value)) return value;
    note('defaultProvider', t('policy_default_provider', IDS));
    return undefined;
  },

  defaultModel: (value, note) => {
    if (typeof value === 'string' && value.trim()) return value.trim();
    note('defaultModel', t('policy_default_model'));
    return undefined;
  },

  systemPrompt: (value, note) => {
    if (typeof value === 'string') return value.trim();
    note('systemPrompt', t('policy_not_string', describeType(value)));
    return undefined;
  },

  pageBudget: (value, note) => {
    if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_PAGE_BUDGET) return value;
    note('pageBudget', t('policy_page_budget', String(MIN_PAGE_BUDGET)));
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
    note('defaultProvider', t('policy_default_not_allowed', label(defaultProvider)));
    delete policy.defaultProvider;
  }
  if (defaultModel === undefined) return;
  if (!policy.defaultProvider) {
    note('defaultModel', t('policy_model_without_provider'));
    delete policy.defaultModel;
    return;
  }
  const locked = (policy.providers?.[policy.defaultProvider] as { models?: string[] } | undefined)?.models;
  if (locked && !locked.includes(defaultModel)) {
    note('defaultModel', t('policy_model_not_listed', label(policy.defaultProvider)));
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
    if (!Object.hasOwn(PARSERS, key)) note(key, t('policy_unknown_key'));
  return { policy: policy as Policy, notices };
}
