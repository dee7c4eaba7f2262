import { t } from '../../i18n/t';
/** Records that a policy value at `key` (its path) was ignored, and why. */
export type Note = (key: string, message: string) => void;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A value's JSON type in words, for notices. Never the value itself: an administrator may have put
 * a secret where it does not belong, and notices are shown on a page.
 */
export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return t('policy_type_list');
  switch (typeof value) {
    case 'string':
      return t('policy_type_string');
    case 'number':
      return t('policy_type_number');
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return t('policy_type_object');
    default:
      return typeof value;
  }
}
