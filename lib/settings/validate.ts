import type { Draft, FieldSpec, ProviderForm } from './field-spec';
import { t } from '../i18n/t';

/** Field key → the message the form shows under that field (it starts with the field's label). */
export type FieldErrors = Record<string, string>;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https anywhere; plain http only on loopback, where local model servers (Ollama, vLLM) listen. */
export function checkEndpointUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return t('check_url_full');
  }
  if (url.protocol === 'https:') return undefined;
  if (url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname)) return undefined;
  return t('check_url_https');
}

const HEADER_LINE = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/;

/** Parses `Name: value` lines; throws with the offending line number. */
export function parseHeaderLines(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const match = HEADER_LINE.exec(line);
    if (!match) throw new Error(t('check_header_line', String(index + 1)));
    headers[match[1]!] = match[2]!.trim();
  });
  return headers;
}

export function parseList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The fields a Google service-account key must have for the JWT-bearer grant (RFC 7523). */
export function checkServiceAccountKey(text: string): string | undefined {
  let key: unknown;
  try {
    key = JSON.parse(text);
  } catch {
    return t('check_key_json');
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) return t('check_key_object');
  const k = key as Record<string, unknown>;
  if (k.type !== 'service_account') return t('check_key_type');
  if (typeof k.client_email !== 'string' || !k.client_email.includes('@'))
    return t('check_key_email');
  if (typeof k.private_key !== 'string' || !k.private_key.includes('BEGIN PRIVATE KEY'))
    return t('check_key_private');
  if (k.token_uri !== undefined) {
    const problem = typeof k.token_uri === 'string' ? checkEndpointUrl(k.token_uri) : t('check_not_string');
    if (problem) return t('check_key_token_uri', problem);
  }
  return undefined;
}

/**
 * What is wrong with one field's text, as the sentence that follows its label; undefined when it is
 * right. The form and the admin policy (policy/parse-provider-policy.ts) both check fields with it.
 */
export function checkField<C>(field: FieldSpec<C>, value: string): string | undefined {
  const text = value.trim();
  if (!text) return field.required ? t('check_required') : undefined;
  switch (field.kind) {
    case 'url':
      return checkEndpointUrl(text);
    case 'headers':
      try {
        parseHeaderLines(text);
      } catch (error) {
        return (error as Error).message;
      }
      return field.check?.(text);
    case 'service-account-key':
      return checkServiceAccountKey(text);
    case 'select':
      return field.options?.some((o) => o.value === text) ? undefined : t('check_unknown_value');
    case 'checkbox':
      return text === 'true' || text === 'false' ? undefined : t('check_on_off');
    default:
      return field.check?.(text);
  }
}

/** Validates every visible field of a draft. An empty result means the draft can be saved. */
export function validateDraft<C>(form: ProviderForm<C>, draft: Draft): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of form.fields) {
    if (field.showIf && !field.showIf(draft)) continue;
    const problem = checkField(field, draft[field.key] ?? '');
    if (problem) errors[field.key] = t('field_problem', field.label, problem);
  }
  for (const [key, message] of Object.entries(form.checkDraft?.(draft) ?? {})) {
    const field = form.fields.find((f) => f.key === key);
    if (field && (!field.showIf || field.showIf(draft))) errors[key] ??= message;
  }
  return errors;
}
