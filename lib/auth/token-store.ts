import { browser } from 'wxt/browser';
import type { ProviderId } from '../providers/catalog';

/**
 * Tokens live in `storage.session`: in memory only, gone when the browser closes, readable by the
 * extension's own pages and worker but not by content scripts. A worker that Chrome stops and
 * restarts finds its tokens there and does not ask the token endpoint again.
 */
export interface StoredToken {
  accessToken: string;
  obtainedAt: number;
  expiresAt: number;
  /** Of the credentials it was issued for (see token-source.ts). */
  fingerprint: string;
}

const tokenKey = (provider: ProviderId) => `omni-ai:token:${provider}`;

export class TokenStore {
  /** The worker is the only writer, so a memory copy is always current and saves a storage round trip. */
  private memory = new Map<ProviderId, StoredToken>();

  async get(provider: ProviderId): Promise<StoredToken | undefined> {
    const known = this.memory.get(provider);
    if (known) return known;
    const key = tokenKey(provider);
    const token = (await browser.storage.session.get(key))[key] as StoredToken | undefined;
    if (token) this.memory.set(provider, token);
    return token;
  }

  async set(provider: ProviderId, token: StoredToken): Promise<void> {
    this.memory.set(provider, token);
    await browser.storage.session.set({ [tokenKey(provider)]: token });
  }

  async remove(provider: ProviderId): Promise<void> {
    this.memory.delete(provider);
    await browser.storage.session.remove(tokenKey(provider));
  }
}
