import type { ProviderId } from '@/lib/providers/catalog';
import { useNow, useTokenStatus } from './use-token-status';

function when(at: number, now: number): string {
  const time = new Date(at).toLocaleTimeString();
  const minutes = Math.round((at - now) / 60_000);
  const seconds = Math.round((at - now) / 1000);
  const relative =
    Math.abs(seconds) < 90
      ? seconds >= 0 ? `in ${seconds} s` : `${-seconds} s ago`
      : minutes >= 0 ? `in ${minutes} min` : `${-minutes} min ago`;
  return `${time} (${relative})`;
}

/** The OAuth2 token's state for an enterprise provider: valid until, next refresh, last error. */
export function TokenState({ provider, signIn = false }: { provider: ProviderId; signIn?: boolean }) {
  const status = useTokenStatus(provider);
  const now = useNow(5_000);
  return (
    <section className="token-state" aria-label="Token">
      <h2>Token</h2>
      {!status?.expiresAt && !status?.lastError ? (
        <p className="muted">
          {signIn
            ? 'No token yet: sign in below.'
            : 'No token yet: “Test connection” gets one, and so does the first message.'}
        </p>
      ) : (
        <dl>
          {status.expiresAt !== undefined && (
            <>
              <dt>Valid until</dt>
              <dd>{status.expiresAt > now ? when(status.expiresAt, now) : `expired ${when(status.expiresAt, now)}`}</dd>
            </>
          )}
          {status.nextRefreshAt !== undefined && (
            <>
              <dt>Next refresh</dt>
              <dd>{when(status.nextRefreshAt, now)}</dd>
            </>
          )}
          {status.lastRefreshAt !== undefined && (
            <>
              <dt>Last refresh</dt>
              <dd>{when(status.lastRefreshAt, now)}</dd>
            </>
          )}
          {status.lastError && (
            <>
              <dt>Last error</dt>
              <dd className="error-text">
                {status.lastError}
                {status.lastErrorAt !== undefined && ` (${when(status.lastErrorAt, now)})`}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
