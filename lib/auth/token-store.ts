import { SessionStore } from './session-store';

/**
 * Tokens live in `storage.session` (see SessionStore): a worker that Chrome stops and restarts
 * finds its tokens there and does not ask the token endpoint again.
 */
export interface StoredToken {
  accessToken: string;
  /** Wall-clock time the token was asked for (MSAL's cachedAt). */
  obtainedAt: number;
  expiresAt: number;
  /** When the server asked for it to be refreshed (Entra ID's refresh_in), if sooner than expiry. */
  refreshOn?: number;
  /** Of the credentials it was issued for (see token-source.ts). */
  fingerprint: string;
}

export class TokenStore extends SessionStore<StoredToken> {
  constructor() {
    super('omni-ai:token:');
  }
}
