import type { StoredToken } from './token-store';

/**
 * The time to judge a cached token by, so that a wall clock that jumps can never make a token look
 * valid when it is not:
 *
 * - MSAL's cache rule (msal-common `wasClockTurnedBack`, checked with `isTokenExpired` before a
 *   cached access token is returned): a token obtained at a time that is now in the future means
 *   the clock was turned back, and the token is treated as expired. It is the same test as "the
 *   token expires further away than its lifetime allows" (expiresAt − now > expiresAt − obtainedAt).
 * - Within one worker, a monotonic clock (`performance.now()`) measures how long the token has
 *   really been held; when the wall clock went back by less than that, the monotonic reading wins.
 *
 * A jump forward makes a token look older than it is: it is refreshed early, which is safe. Tokens
 * outlive the worker (storage.session) but its monotonic clock does not, so after a restart only
 * MSAL's rule applies; a token that a small backwards jump left looking valid is then caught by the
 * provider's 401, after which the gateway drops it and retries once with a new one.
 */
export class TokenClock {
  /** For each token this worker holds: the wall and monotonic times it was first seen. */
  private seen = new WeakMap<StoredToken, { wall: number; monotonic: number }>();

  constructor(
    private readonly wall: () => number,
    private readonly monotonic: () => number,
  ) {}

  /** A token just obtained: its age is measured from when it was asked for. */
  issued(token: StoredToken, monotonicAtRequest: number): void {
    this.seen.set(token, { wall: token.obtainedAt, monotonic: monotonicAtRequest });
  }

  /** Now, for this token; +Infinity (so: expired) when the clock went back past when it was obtained. */
  nowFor(token: StoredToken): number {
    const wall = this.wall();
    if (token.obtainedAt > wall) return Number.POSITIVE_INFINITY;
    const monotonic = this.monotonic();
    let first = this.seen.get(token);
    if (!first) {
      first = { wall, monotonic };
      this.seen.set(token, first);
    }
    return Math.max(wall, first.wall + (monotonic - first.monotonic));
  }
}
