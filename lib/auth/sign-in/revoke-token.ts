import { t } from '../../i18n/t';
export interface Revocation {
  revocationEndpoint: string;
  clientId: string;
  refreshToken: string;
}

/**
 * Token revocation (RFC 7009 §2.1) of the refresh token, as a public client. Resolves to undefined
 * when the provider confirmed (HTTP 200, also for a token it no longer knows, §2.2), else to what
 * went wrong; never throws, because signing out goes on either way. The token is in the body of a
 * request that may not follow a redirect, so it reaches no other server.
 */
export async function revokeRefreshToken(r: Revocation, doFetch: typeof fetch = (...a) => fetch(...a)): Promise<string | undefined> {
  const where = (() => {
    const url = new URL(r.revocationEndpoint);
    return `${url.origin}${url.pathname}`;
  })();
  try {
    const response = await doFetch(r.revocationEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ token: r.refreshToken, token_type_hint: 'refresh_token', client_id: r.clientId }).toString(),
      credentials: 'omit',
      cache: 'no-store',
      redirect: 'error',
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) return undefined;
    const body = (await response.json().catch(() => ({}))) as { error?: unknown };
    const status = String(response.status);
    return typeof body.error === 'string' ? t('revoke_http_error', where, status, body.error) : t('revoke_http', where, status);
  } catch (error) {
    return t('revoke_unreachable', where, (error as Error).message);
  }
}
