import { t } from '../../i18n/t';
import { PROVIDER_IDS, PROVIDERS, isProviderId, type ProviderId } from '../../providers/catalog';
import type { FieldKind, FieldSpec, ProviderForm } from '../field-spec';
import { PROVIDER_FORMS } from '../provider-forms';
import type { ProviderConfigs } from '../schema';
import { checkField, parseList } from '../validate';
import { describeType, isRecord, type Note } from './policy-values';
import type { ProviderPolicies } from './types';

export type ProviderForms = { [P in ProviderId]: ProviderForm<ProviderConfigs[P]> };

/**
 * How a policy writes each kind of form field, or `secret` for the kinds it may never set. Keyed by
 * every FieldKind, so a new kind does not compile until it says how policy treats it.
 */
export const POLICY_SHAPE: Record<FieldKind, 'string' | 'string list' | 'number' | 'boolean' | 'secret'> = {
  text: 'string',
  // A JSON number, as an administrator writes it; stored as the text the form would hold.
  number: 'number',
  url: 'string',
  select: 'string',
  list: 'string list',
  secret: 'secret',
  'service-account-key': 'secret',
  // Custom headers carry credentials as often as not (Authorization, X-Api-Key).
  headers: 'secret',
  // "Stay signed in after the browser closes": policy's keepSignedIn forces it either way.
  checkbox: 'boolean',
};

const SECRET =
  'is a secret, and omni-ai never takes secrets from policy: a policy can be read by every user of the computer (and Chrome shows it on chrome://policy). Each user enters it on the options page.';

/** The fields of a provider that policy may set: every field of its form that is not a secret. */
export function policyFields<C>(form: ProviderForm<C>): ReadonlyArray<FieldSpec<C>> {
  return form.fields.filter((field) => POLICY_SHAPE[field.kind] !== 'secret');
}

/**
 * One field's policy value, checked by exactly the rules its form applies (validate.ts), so a field
 * added to a form is policy-settable with no second list. The result is what the form would store.
 */
function parseField<C>(field: FieldSpec<C>, value: unknown): { value: unknown } | { problem: string } {
  const shape = POLICY_SHAPE[field.kind];
  if (shape === 'secret') return { problem: SECRET };
  if (shape === 'boolean')
    return typeof value === 'boolean' ? { value } : { problem: t('policy_field_boolean', describeType(value)) };
  let text: string;
  if (shape === 'string list') {
    if (!Array.isArray(value) || !value.every((item) => typeof item === 'string'))
      return { problem: t('policy_field_list', describeType(value)) };
    text = value.join('\n');
  } else if (shape === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value)) return { problem: t('policy_field_number', describeType(value)) };
    text = String(value);
  } else {
    if (typeof value !== 'string') return { problem: t('policy_field_string', describeType(value)) };
    text = value;
  }
  const problem = checkField(field, text);
  if (problem) return { problem: `${field.label} ${problem}.` };
  return { value: shape === 'string list' ? parseList(text) : text.trim() };
}

/**
 * The `providers` policy: provider ID → the fields it locks. Each bad field is dropped with a notice
 * naming it (`providers.azure-openai.endpoint`); the provider's other fields and every other
 * provider still apply.
 */
export function parseProviderPolicies(raw: unknown, note: Note, forms: ProviderForms = PROVIDER_FORMS): ProviderPolicies | undefined {
  if (!isRecord(raw)) {
    note('providers', t('policy_providers_not_object', PROVIDER_IDS.join(', '), describeType(raw)));
    return undefined;
  }
  const result: Record<string, Record<string, unknown>> = {};
  for (const [id, fields] of Object.entries(raw)) {
    const key = `providers.${id}`;
    if (!isProviderId(id)) {
      note(key, t('policy_provider_unknown', PROVIDER_IDS.join(', ')));
      continue;
    }
    if (!isRecord(fields)) {
      note(key, t('policy_provider_not_object', describeType(fields)));
      continue;
    }
    const form = forms[id] as ProviderForm<unknown>;
    const parsed: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(fields)) {
      const field = form.fields.find((f) => f.key === name);
      if (!field) {
        const known = policyFields(form).map((f) => f.key);
        note(`${key}.${name}`, t('policy_provider_unknown_setting', PROVIDERS[id].label, known.join(', ')));
        continue;
      }
      const outcome = parseField(field, value);
      if ('problem' in outcome) note(`${key}.${name}`, outcome.problem);
      else parsed[name] = outcome.value;
    }
    if (Object.keys(parsed).length > 0) result[id] = parsed;
  }
  return Object.keys(result).length > 0 ? (result as ProviderPolicies) : undefined;
}
