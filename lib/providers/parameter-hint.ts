import { PROVIDERS, type ProviderId } from './catalog';
import type { Generation } from './generation';
import type { StreamError } from './types';
import { t, type MessageKey } from '../i18n/t';

/** Each generation setting: its field on the options page, and every name providers give it on the wire. */
const SETTINGS: ReadonlyArray<{ key: keyof Generation; label: MessageKey; names: readonly string[] }> = [
  { key: 'temperature', label: 'field_temperature', names: ['temperature'] },
  {
    key: 'maxOutputTokens',
    label: 'field_max_tokens',
    names: ['max_tokens', 'max_completion_tokens', 'maxTokens', 'maxOutputTokens', 'max_output_tokens'],
  },
  {
    key: 'reasoningEffort',
    label: 'field_reasoning',
    names: ['reasoning_effort', 'effort', 'output_config', 'thinkingConfig', 'thinkingLevel', 'thinkingBudget'],
  },
];

/** Google's errors spell fields in snake_case, its JSON in camelCase: compare without either. */
const fold = (text: string) => text.toLowerCase().replace(/_/g, '');

/** The generation setting a provider's refusal names, among those the request sent. */
export function rejectedSetting(message: string, sent: Generation): { key: keyof Generation; label: string } | undefined {
  const words = new Set(fold(message).split(/[^a-z0-9.]+/).map((word) => word.replace(/^\.+|\.+$/g, '')));
  for (const setting of SETTINGS) {
    if (sent[setting.key] === undefined) continue;
    // "output_config.effort" and "generation_config.thinking_config" name a field by its path.
    const named = setting.names.some((name) => [...words].some((word) => word.split('.').includes(fold(name))));
    if (named) return { key: setting.key, label: t(setting.label) };
  }
  return undefined;
}

/**
 * A refused request that names a generation setting the user can change says which field it is and
 * where (issue 14 §2: never a silent failure). The provider's own words stay first.
 */
export function withParameterHint(
  error: StreamError,
  provider: ProviderId,
  sent: Generation,
  locked: readonly string[] = [],
  required: readonly string[] = [],
): StreamError {
  if (error.kind !== 'bad-request') return error;
  const setting = rejectedSetting(error.message, sent);
  if (!setting) return error;
  const label = PROVIDERS[provider].label;
  const field = setting.label;
  const where = t('hint_where', label, t('section_generation'));
  const hint = locked.includes(setting.key)
    ? t('hint_locked', field, label)
    : required.includes(setting.key)
      ? t('hint_required', field, where)
      : t('hint_optional', field, where);
  return { ...error, message: `${error.message} ${hint}` };
}
