import { openDB, type IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';

/**
 * Encrypts secrets at rest with a key that only omni-ai's own pages and background can use.
 *
 * The key is a non-extractable AES-GCM key (WebCrypto) kept in the extension's own IndexedDB. A
 * content script runs with the web page's origin, so it reaches neither that database nor the key:
 * it can read `storage.local` on Firefox, which has no storage access level (Chrome restricts the
 * area with TRUSTED_CONTEXTS as well), but sees only ciphertext there. Non-extractable means even
 * omni-ai's own code cannot export the key's bytes: it can only ask WebCrypto to use it.
 *
 * A sealed value is a string, `omni-ai-sealed:1:<iv>:<ciphertext>` (base64), so it keeps the type of
 * the field it replaces. Each is bound to a `context` (AES-GCM additional data): it opens only
 * where it was sealed, with the settings it was sealed with (see seal-settings.ts).
 */

const PREFIX = 'omni-ai-sealed:1:';
const DB_NAME = 'omni-ai-secrets';
const STORE = 'keys';
const KEY_ID = 'settings';
/** A page whose IndexedDB does not answer must still show its settings: give up after this long. */
const KEY_TIMEOUT_MS = 3000;

export class SecretBoxError extends Error {}

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX);
}

let cachedKey: Promise<CryptoKey> | undefined;

/**
 * The key, created on first use. Two contexts creating it at once both generate one, but IndexedDB
 * serialises their read-write transactions: the second finds the first's key and uses that.
 */
async function loadKey(): Promise<CryptoKey> {
  let db: IDBPDatabase;
  try {
    db = await openDB(DB_NAME, 1, {
      upgrade(database) {
        database.createObjectStore(STORE);
      },
    });
  } catch (error) {
    // Firefox gives an extension page in a private window no IndexedDB (InvalidStateError, checked on
    // 153 ESR). The background is never private: it still opens the secrets and uses them.
    throw new SecretBoxError(
      browser.extension.inIncognitoContext
        ? 'a private window cannot reach omni-ai’s key store; the saved secrets still work, and can be changed from a normal window'
        : `omni-ai’s key store (IndexedDB) cannot be opened: ${(error as Error).message}`,
    );
  }
  try {
    const existing = (await db.get(STORE, KEY_ID)) as CryptoKey | undefined;
    if (existing) return existing;
    const fresh = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    const tx = db.transaction(STORE, 'readwrite');
    const raced = (await tx.store.get(KEY_ID)) as CryptoKey | undefined;
    if (!raced) await tx.store.put(fresh, KEY_ID);
    await tx.done;
    return raced ?? fresh;
  } finally {
    db.close();
  }
}

function secretKey(): Promise<CryptoKey> {
  cachedKey ??= Promise.race([
    loadKey(),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new SecretBoxError('omni-ai’s key store (IndexedDB) did not answer')), KEY_TIMEOUT_MS),
    ),
  ]);
  // A failure is not cached: the next read tries again.
  cachedKey.catch(() => (cachedKey = undefined));
  return cachedKey;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const utf8 = new TextEncoder();

/** Encrypts `plain` for `context`. An empty secret stays empty: there is nothing to hide. */
export async function sealText(plain: string, context: string): Promise<string> {
  if (plain === '') return '';
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: utf8.encode(context) },
    await secretKey(),
    utf8.encode(plain),
  );
  return `${PREFIX}${toBase64(iv)}:${toBase64(new Uint8Array(data))}`;
}

/**
 * Decrypts a value sealText made for the same `context`. Throws SecretBoxError when it cannot: the
 * key is gone or unreachable, the value was altered, or it was sealed for another context.
 */
export async function openText(sealed: string, context: string): Promise<string> {
  const [iv, data] = sealed.slice(PREFIX.length).split(':');
  if (!isSealed(sealed) || !iv || !data) throw new SecretBoxError('not a sealed value');
  const key = await secretKey();
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(iv), additionalData: utf8.encode(context) },
      key,
      fromBase64(data),
    );
    return new TextDecoder().decode(plain);
  } catch {
    throw new SecretBoxError('it does not open with this browser profile’s key, or its settings were changed from outside omni-ai');
  }
}

/** For tests: forget the cached key, as a new page or a restarted background would. */
export function forgetCachedKey(): void {
  cachedKey = undefined;
}
