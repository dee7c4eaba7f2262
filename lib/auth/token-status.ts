import { browser } from 'wxt/browser';
import type { ProviderId } from '../providers/catalog';

/**
 * What the options page shows about each provider's token: no token itself, only times and the
 * last error. Kept in `storage.session` under its own key, so the page can follow it live with
 * `storage.onChanged` without ever reading a token key.
 */
export interface TokenStatus {
  expiresAt?: number;
  nextRefreshAt?: number;
  lastRefreshAt?: number;
  lastError?: string;
  lastErrorAt?: number;
  /** Background refreshes that failed in a row while the old token was still valid. */
  failures?: number;
}

export type TokenStatuses = Partial<Record<ProviderId, TokenStatus>>;

export const TOKEN_STATUS_KEY = 'omni-ai:token-status';

export async function readTokenStatuses(): Promise<TokenStatuses> {
  return ((await browser.storage.session.get(TOKEN_STATUS_KEY))[TOKEN_STATUS_KEY] as TokenStatuses) ?? {};
}

/** Updates are chained so two concurrent updates cannot overwrite each other's fields. */
let queue: Promise<unknown> = Promise.resolve();

export function updateTokenStatus(provider: ProviderId, patch: TokenStatus | null): Promise<void> {
  const next = queue.then(async () => {
    const all = await readTokenStatuses();
    if (patch === null) delete all[provider];
    else all[provider] = { ...all[provider], ...patch };
    await browser.storage.session.set({ [TOKEN_STATUS_KEY]: all });
  });
  queue = next.catch(() => undefined);
  return next;
}
