import { canonicalJson } from '../canonical-json';
import { PROVIDERS, isProviderId, type ProviderId } from '../providers/catalog';
import { sameData } from '../same-data';
import type { FieldKind } from './field-spec';
import { PROVIDER_FORMS } from './provider-forms';
import { isSealed, openText, sealText } from './secret-box';

/**
 * Seals the secret fields of stored settings (API keys, client secrets, service-account keys: every
 * form field of a secret kind) and opens them again, around `storage.local`. Everything else stays
 * plain, so the options page, the side panel and the worker still sync through storage.onChanged.
 *
 * Each secret is bound (AES-GCM additional data) to its provider, its field and the rest of that
 * provider's stored settings. On Firefox a content script can write `storage.local` as well as read
 * it: one that pointed a provider's Base URL or token endpoint at its own server would otherwise
 * have omni-ai send the key there. Bound, the key no longer opens, and the user is told.
 */

const SECRET_KINDS: ReadonlySet<FieldKind> = new Set(['secret', 'service-account-key']);

function secretFields(provider: ProviderId): { key: string; label: string }[] {
  return (PROVIDER_FORMS[provider].fields as { key: string; label: string; kind: FieldKind }[]).filter((f) =>
    SECRET_KINDS.has(f.kind),
  );
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What a secret of `provider` is bound to: the provider, the field, and its settings without secrets. */
function contextOf(provider: ProviderId, config: Record<string, unknown>): (field: string) => string {
  const secrets = new Set(secretFields(provider).map((f) => f.key));
  const rest = Object.fromEntries(Object.entries(config).filter(([k]) => !secrets.has(k)));
  const bound = canonicalJson(rest);
  return (field) => `omni-ai settings|${provider}|${field}|${bound}`;
}

/** Each stored provider config of an envelope `{ state: { providers } }`, as a copy to change. */
function providerConfigs(raw: unknown): { copy: { state: Record<string, unknown> }; configs: [ProviderId, Record<string, unknown>][] } | undefined {
  if (!isRecord(raw) || !isRecord(raw.state) || !isRecord(raw.state.providers)) return undefined;
  const copy = structuredClone(raw) as { state: { providers: Record<string, unknown> } & Record<string, unknown> };
  const configs = Object.entries(copy.state.providers).filter(
    (entry): entry is [ProviderId, Record<string, unknown>] => isProviderId(entry[0]) && isRecord(entry[1]),
  );
  return { copy, configs };
}

/**
 * Sealed values this page could not open, by `provider.field`. Its settings hold '' there, and a save
 * writes the sealed value back instead of '' : a key store that failed for a moment (or a private
 * window's) costs no secret, and the user is not made to retype what another window can still open.
 */
const unopened = new Map<string, string>();

/** True when stored settings still hold a secret in plain text (written before sealing existed). */
export function hasPlaintextSecrets(raw: unknown): boolean {
  return !!providerConfigs(raw)?.configs.some(([provider, config]) =>
    secretFields(provider).some(({ key }) => typeof config[key] === 'string' && config[key] !== '' && !isSealed(config[key])),
  );
}

/**
 * The last envelopes this context sealed, so that its store can tell its own writes when
 * storage.onChanged reports them: they no longer equal the settings in memory, whose secrets are
 * plain. A few are kept because writes can follow each other faster than their events arrive.
 */
const recentlySealed: unknown[] = [];

/** True when `value` is an envelope this context sealed (and so wrote) recently. */
export function wasSealedHere(value: unknown): boolean {
  return recentlySealed.some((sealed) => sameData(sealed, value));
}

/** The settings envelope to store: the same, with every non-empty secret sealed. Throws if it cannot seal. */
export async function sealSettingsSecrets<T>(value: T): Promise<T> {
  const found = providerConfigs(value);
  if (!found) return value;
  let sealedHere = false;
  for (const [provider, config] of found.configs) {
    const context = contextOf(provider, config);
    for (const { key } of secretFields(provider)) {
      const plain = config[key];
      if (typeof plain !== 'string' || isSealed(plain)) continue;
      if (plain === '' && unopened.has(`${provider}.${key}`)) config[key] = unopened.get(`${provider}.${key}`);
      else {
        unopened.delete(`${provider}.${key}`);
        config[key] = await sealText(plain, context(key));
        if (plain !== '') sealedHere = true;
      }
    }
  }
  // Only an envelope holding a value sealed just now (a fresh IV) is this context's for certain: one
  // without secrets could equally have been written by another page, and must not be skipped as ours.
  if (sealedHere) {
    recentlySealed.push(found.copy);
    if (recentlySealed.length > 8) recentlySealed.shift();
  }
  return found.copy as T;
}

/**
 * The stored envelope with its secrets opened, for readStoredSettings. Never throws: a secret that
 * does not open becomes '' with a notice that names it and says what to do; the rest is untouched.
 * Plain-text secrets (stored before sealing existed) pass through as they are.
 */
export async function openSettingsSecrets(raw: unknown): Promise<unknown> {
  const found = providerConfigs(raw);
  if (!found) return raw;
  const lost: string[] = [];
  let why = '';
  for (const [provider, config] of found.configs) {
    const context = contextOf(provider, config);
    for (const { key, label } of secretFields(provider)) {
      const sealed = config[key];
      if (!isSealed(sealed)) continue;
      try {
        config[key] = await openText(sealed, context(key));
        unopened.delete(`${provider}.${key}`);
      } catch (error) {
        config[key] = '';
        unopened.set(`${provider}.${key}`, sealed);
        lost.push(`${PROVIDERS[provider].label} ${label}`);
        why = (error as Error).message;
      }
    }
  }
  if (lost.length > 0) {
    const notice = `omni-ai could not decrypt the saved ${lost.join(', ')} (${why}). Enter ${lost.length > 1 ? 'them' : 'it'} again in the options and save; your other settings are kept.`;
    const notices = Array.isArray(found.copy.state.notices) ? (found.copy.state.notices as unknown[]) : [];
    if (!notices.includes(notice)) found.copy.state.notices = [...notices, notice];
  }
  return found.copy;
}
