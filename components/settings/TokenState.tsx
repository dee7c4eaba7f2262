import type { ProviderId } from '@/lib/providers/catalog';
import { useNow, useTokenStatus } from './use-token-status';
import { t, uiLanguage } from '@/lib/i18n/t';

function when(at: number, now: number): string {
  const time = new Date(at).toLocaleTimeString(uiLanguage());
  const minutes = Math.round((at - now) / 60_000);
  const seconds = Math.round((at - now) / 1000);
  const relative =
    Math.abs(seconds) < 90
      ? seconds >= 0 ? t('token_in_seconds', seconds) : t('token_seconds_ago', -seconds)
      : minutes >= 0 ? t('token_in_minutes', minutes) : t('token_minutes_ago', -minutes);
  return t('token_when', time, relative);
}

/** The OAuth2 token's state for an enterprise provider: valid until, next refresh, last error. */
export function TokenState({ provider, signIn = false }: { provider: ProviderId; signIn?: boolean }) {
  const status = useTokenStatus(provider);
  const now = useNow(5_000);
  return (
    <section className="token-state" aria-label={t('token_heading')}>
      <h2>{t('token_heading')}</h2>
      {!status?.expiresAt && !status?.lastError ? (
        <p className="muted">
          {signIn
            ? t('token_none_sign_in')
            : t('token_none')}
        </p>
      ) : (
        <dl>
          {status.expiresAt !== undefined && (
            <>
              <dt>{t('token_valid_until')}</dt>
              <dd>{status.expiresAt > now ? when(status.expiresAt, now) : t('token_expired', when(status.expiresAt, now))}</dd>
            </>
          )}
          {status.nextRefreshAt !== undefined && (
            <>
              <dt>{t('token_next_refresh')}</dt>
              <dd>{when(status.nextRefreshAt, now)}</dd>
            </>
          )}
          {status.lastRefreshAt !== undefined && (
            <>
              <dt>{t('token_last_refresh')}</dt>
              <dd>{when(status.lastRefreshAt, now)}</dd>
            </>
          )}
          {status.lastError && (
            <>
              <dt>{t('token_last_error')}</dt>
              <dd className="error-text">
                {status.lastError}
                {status.lastErrorAt !== undefined && ` ${t('token_at', when(status.lastErrorAt, now))}`}
              </dd>
            </>
          )}
        </dl>
      )}
    </section>
  );
}
