import { browser } from 'wxt/browser';
import type { ProviderId } from '../../providers/catalog';

/**
 * What the pages show about a provider's sign-in: who, since and until when, or why a new sign-in
 * is needed. No token. Kept in `storage.session` under its own key so pages follow it live with
 * `storage.onChanged` and never read a session record; the worker rebuilds it on start for a
 * sign-in kept across browser restarts.
 */
export interface SignInStatus {
  name?: string;
  username?: string;
  signedInAt?: number;
  /** When the sign-in ends, if the provider said (refresh_token_expires_in). */
  until?: number;
  /** The refresh token is kept across browser restarts ("Stay signed in"). */
  kept?: boolean;
  /** Set when the provider ended the sign-in (invalid_grant): what happened, for the user. */
  ended?: string;
}

export type SignInStatuses = Partial<Record<ProviderId, SignInStatus>>;

export const SIGN_IN_STATUS_KEY = 'omni-ai:sign-in-status';

export async function readSignInStatuses(): Promise<SignInStatuses> {
  return ((await browser.storage.session.get(SIGN_IN_STATUS_KEY))[SIGN_IN_STATUS_KEY] as SignInStatuses) ?? {};
}

let queue: Promise<unknown> = Promise.resolve();

/** Replaces one provider's status (null removes it). Chained, so concurrent writes never lose one. */
export function setSignInStatus(provider: ProviderId, status: SignInStatus | null): Promise<void> {
  const next = queue.then(async () => {
    const all = await readSignInStatuses();
    if (status === null) delete all[provider];
    else all[provider] = status;
    await browser.storage.session.set({ [SIGN_IN_STATUS_KEY]: all });
  });
  queue = next.catch(() => undefined);
  return next;
}
