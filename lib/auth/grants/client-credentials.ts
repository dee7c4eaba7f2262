import { t } from '../../i18n/t';
import type { TokenRequest } from '../token-endpoint';
import type { ClientCredentialsSource } from '../token-source';

/**
 * RFC 6749 §2.3.1: with HTTP Basic, the client ID and secret are each form-urlencoded before they
 * are joined with ":" and base64-encoded. Strict servers reject credentials that skip it whenever
 * either holds a character the encoding changes (Entra ID secrets routinely contain `~`; others
 * `+`, `/`, `=` or `:`).
 */
export function basicAuthorization(clientId: string, clientSecret: string): string {
  const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  const pair = `${encode(clientId)}:${encode(clientSecret)}`;
  const bytes = new TextEncoder().encode(pair);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** The client-credentials grant (RFC 6749 §4.4), with the client secret in a Basic header or the body. */
export function clientCredentialsRequest(source: ClientCredentialsSource): TokenRequest {
  const body = new URLSearchParams({ grant_type: 'client_credentials' });
  if (source.scope) body.set('scope', source.scope);
  if (source.audience) body.set('audience', source.audience);
  if (source.resource) body.set('resource', source.resource);
  const headers: Record<string, string> = {};
  if (source.clientAuth === 'basic') {
    headers.authorization = basicAuthorization(source.clientId, source.clientSecret);
  } else {
    body.set('client_id', source.clientId);
    body.set('client_secret', source.clientSecret);
  }
  return {
    endpoint: source.tokenEndpoint,
    body,
    headers,
    secrets: [source.clientSecret, headers.authorization ?? ''],
    credentialsHint: t('token_hint_client_credentials'),
    endpointHint: t('token_where_token_endpoint'),
  };
}
