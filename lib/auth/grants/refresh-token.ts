import { t } from '../../i18n/t';
import type { TokenRequest } from '../token-endpoint';

export interface RefreshExchange {
  tokenEndpoint: string;
  clientId: string;
  refreshToken: string;
  /** The API's scope (the Scope field), without OpenID Connect's own. */
  scope: string;
}

/**
 * The refresh-token grant (RFC 6749 §6) as a public client: `client_id` in the body, no secret.
 * `scope` is the API's scope only: §6 forbids asking for anything not granted, and a provider may
 * not have granted `offline_access` or `profile` as asked (oidc-provider drops offline_access
 * without a consent prompt, then refuses it here with invalid_scope); Entra ID, for its part,
 * wants the resource's scope on every refresh (one resource per token). No Scope: none is sent,
 * which §6 defines as "as originally granted".
 */
export function refreshTokenRequest(exchange: RefreshExchange): TokenRequest {
  const body = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: exchange.refreshToken,
    client_id: exchange.clientId,
  });
  const scope = exchange.scope.trim();
  if (scope) body.set('scope', scope);
  return {
    endpoint: exchange.tokenEndpoint,
    body,
    secrets: [exchange.refreshToken],
    credentialsHint: t('token_hint_sign_in'),
    endpointHint: t('token_where_issuer'),
  };
}
