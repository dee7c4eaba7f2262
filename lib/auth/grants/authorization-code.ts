import { t } from '../../i18n/t';
import type { TokenRequest } from '../token-endpoint';

export interface CodeExchange {
  tokenEndpoint: string;
  clientId: string;
  code: string;
  redirectUri: string;
  verifier: string;
}

/**
 * The authorization-code grant (RFC 6749 §4.1.3) as a public client: `client_id` in the body and
 * no secret (§2.3.1 is for confidential clients); the PKCE verifier proves this is the client
 * that started the sign-in (RFC 7636 §4.5).
 */
export function authorizationCodeRequest(exchange: CodeExchange): TokenRequest {
  return {
    endpoint: exchange.tokenEndpoint,
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: exchange.code,
      redirect_uri: exchange.redirectUri,
      client_id: exchange.clientId,
      code_verifier: exchange.verifier,
    }),
    secrets: [exchange.code, exchange.verifier],
    credentialsHint: t('token_hint_authorization_code'),
    endpointHint: t('token_where_issuer'),
  };
}
