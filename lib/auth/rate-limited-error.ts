import { AuthError } from './errors';
import { t } from '../i18n/t';

/** What omni-ai waits when a 429 does not say how long (RFC 6585 §4 makes Retry-After optional). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;
/** A Retry-After further away than this is read as this: a server's typo must not lock a provider for years. */
export const MAX_RATE_LIMIT_WAIT_MS = 24 * 3600_000;

/**
 * A token endpoint that answered 429 (RFC 6585 §4): the message says when to try again, and the
 * error carries that time so the gateway asks nothing before it, on demand or from an alarm.
 * `said` is the server's own error, already scrubbed of secrets.
 */
export function rateLimitedError(where: string, retryAt: number, now: number, said = ''): AuthError {
  const seconds = Math.max(1, Math.ceil((retryAt - now) / 1000));
  const wait = seconds < 120 ? t('wait_seconds', seconds) : t('wait_minutes', Math.round(seconds / 60));
  return new AuthError(
    'rate-limit',
    said ? t('token_rate_limited_said', where, said, wait) : t('token_rate_limited', where, wait),
    { status: 429, retryAt },
  );
}
