import { browser } from 'wxt/browser';
import { canonicalJson } from '../../canonical-json';
import { t } from '../../i18n/t';
import type { ProviderId } from '../../providers/catalog';
import { isSealed, openText, sealText } from '../../settings/secret-box';
import type { SignedInAccount } from './id-token';

/**
 * A user's sign-in: the refresh token and what is needed to use and revoke it. It stays in the
 * worker: pages see only the account and times (sign-in-status.ts), never this record.
 */
export interface SignInSession {
  /** Absent when the provider issued none: the sign-in then ends with its access token. */
  refreshToken?: string;
  /** Of the issuer, client and scope it was issued for (token-source.ts): other settings, no reuse. */
  fingerprint: string;
  issuer: string;
  clientId: string;
  /** From discovery at sign-in, so a refresh or a sign-out needs no discovery round trip. */
  tokenEndpoint: string;
  revocationEndpoint?: string;
  account: SignedInAccount;
  signedInAt: number;
  /** When the provider said the refresh token ends (refresh_token_expires_in), if it did. */
  refreshExpiresAt?: number;
  /**
   * Set on read when the stored refresh token did not open (key store cleared or unreachable, the
   * record changed from outside omni-ai): why, for the "sign in again" message. Never stored.
   */
  unreadable?: string;
}

/** Where the refresh token lives: memory only (gone when the browser closes) or on disk. */
export type SessionArea = 'session' | 'local';

const sessionKey = (provider: ProviderId) => `omni-ai:sign-in:${provider}`;
const areaOf = (area: SessionArea) => (area === 'local' ? browser.storage.local : browser.storage.session);
const other = (area: SessionArea): SessionArea => (area === 'local' ? 'session' : 'local');

/**
 * What a refresh token is bound to (AES-GCM additional data): its provider and the rest of its
 * record. On Firefox a content script can write storage.local; one that pointed the record's token
 * or revocation endpoint at its own server would otherwise be sent the refresh token. Bound, the
 * token no longer opens and the user is asked to sign in again (seal-settings.ts does the same).
 */
function contextOf(provider: ProviderId, session: SignInSession): string {
  const { refreshToken: _token, unreadable: _why, ...rest } = session;
  // As storage keeps it (JSON drops the fields left undefined, at any depth), so a read binds the same.
  return `omni-ai sign-in|${provider}|${canonicalJson(JSON.parse(JSON.stringify(rest)))}`;
}

/** The record as stored: the refresh token sealed, like every other secret (secret-box.ts). */
async function seal(provider: ProviderId, session: SignInSession): Promise<SignInSession> {
  const { unreadable: _why, ...stored } = session;
  if (stored.refreshToken) stored.refreshToken = await sealText(stored.refreshToken, contextOf(provider, stored));
  return stored;
}

/** The record as read: the refresh token opened, or left out with the reason it would not open. */
async function open(provider: ProviderId, stored: SignInSession | undefined): Promise<SignInSession | undefined> {
  if (!stored?.refreshToken) return stored;
  const { refreshToken, ...rest } = stored;
  if (!isSealed(refreshToken)) return { ...rest, unreadable: t('sign_in_session_foreign') };
  try {
    return { ...rest, refreshToken: await openText(refreshToken, contextOf(provider, stored)) };
  } catch (error) {
    return { ...rest, unreadable: (error as Error).message };
  }
}

/**
 * The refresh tokens, sealed at rest. Each provider's session is one storage key, written with one `set`, so a
 * rotated refresh token replaces the old one atomically: there is never a moment with neither or
 * both. Writes are queued per provider so a sign-in and a refresh cannot interleave.
 */
export class SignInSessionStore {
  private queues = new Map<ProviderId, Promise<unknown>>();

  /** The provider's session, from the area `preferred` first (where the setting says it belongs). */
  async get(provider: ProviderId, preferred: SessionArea): Promise<SignInSession | undefined> {
    const key = sessionKey(provider);
    const [first, second] = await Promise.all([areaOf(preferred).get(key), areaOf(other(preferred)).get(key)]);
    return open(provider, (first[key] ?? second[key]) as SignInSession | undefined);
  }

  /**
   * Stores a session in `area`. When "Stay signed in" changed since, the copy in the other area is
   * removed after the new one is written (never before: a crash in between leaves one to use).
   */
  put(provider: ProviderId, session: SignInSession, area: SessionArea): Promise<void> {
    return this.serial(provider, async () => {
      const key = sessionKey(provider);
      await areaOf(area).set({ [key]: await seal(provider, session) });
      await areaOf(other(area)).remove(key);
    });
  }

  /**
   * Replaces the session only while it still holds `expected` as refresh token: a refresh that
   * finishes after a new sign-in or a sign-out must not bring its token back.
   */
  replace(provider: ProviderId, expected: string | undefined, next: SignInSession, area: SessionArea): Promise<boolean> {
    return this.serial(provider, async () => {
      const key = sessionKey(provider);
      const current = await this.get(provider, area);
      if (current?.refreshToken !== expected) return false;
      await areaOf(area).set({ [key]: await seal(provider, next) });
      await areaOf(other(area)).remove(key);
      return true;
    });
  }

  remove(provider: ProviderId): Promise<void> {
    return this.serial(provider, async () => {
      const key = sessionKey(provider);
      await Promise.all([browser.storage.session.remove(key), browser.storage.local.remove(key)]);
    });
  }

  private serial<T>(provider: ProviderId, job: () => Promise<T>): Promise<T> {
    const next = (this.queues.get(provider) ?? Promise.resolve()).then(job);
    this.queues.set(provider, next.catch(() => undefined));
    return next;
  }
}
