import type { TokenRequest } from '../token-endpoint';

export interface RefreshExchange {
  tokenEndpoint: string;
  clientId: string;
  refreshToken: string;
  /** The scope signed in for; Entra ID asks for it on every refresh (one resource per token). */
  scope: string;
}

/** The refresh-token grant (RFC 6749 §6) as a public client: `client_id` in the body, no secret. */
export function refreshTokenRequest(exchange: RefreshExchange): TokenRequest {
  return {
    endpoint: exchange.tokenEndpoint,
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: exchange.refreshToken,
      client_id: exchange.clientId,
      scope: exchange.scope,
    }),
    secrets: [exchange.refreshToken],
    credentialsHint: 'your sign-in',
    endpointHint: 'the Issuer',
  };
}
