import { t } from '../../i18n/t';
import { loadSdk } from '../../providers/sdk/load-sdk';
import type { TokenRequest } from '../token-endpoint';
import type { ServiceAccountSource } from '../token-source';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

/** Google accepts assertions valid for at most an hour. */
const ASSERTION_LIFETIME_S = 3600;

/**
 * Signs the RS256 assertion a Google service account exchanges for an access token (RFC 7523 §2.1,
 * Google's "OAuth 2.0 for Server to Server Applications"), with WebCrypto through jose (its own
 * script, loaded on first need: load-sdk.ts).
 */
export async function signServiceAccountAssertion(source: ServiceAccountSource, nowSeconds: number): Promise<string> {
  const { SignJWT, importPKCS8 } = loadSdk('jose', 'vertex');
  const key = await importPKCS8(source.privateKey, 'RS256');
  return new SignJWT({ scope: source.scope })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', ...(source.privateKeyId ? { kid: source.privateKeyId } : {}) })
    .setIssuer(source.clientEmail)
    .setSubject(source.clientEmail)
    .setAudience(source.tokenEndpoint)
    .setIssuedAt(nowSeconds)
    .setExpirationTime(nowSeconds + ASSERTION_LIFETIME_S)
    .sign(key);
}

export async function jwtBearerRequest(source: ServiceAccountSource, nowSeconds: number): Promise<TokenRequest> {
  const assertion = await signServiceAccountAssertion(source, nowSeconds);
  return {
    endpoint: source.tokenEndpoint,
    body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }),
    secrets: [source.privateKey, assertion],
    credentialsHint: t('token_hint_service_account'),
    // The key file names its token endpoint; a Google key's is https://oauth2.googleapis.com/token.
    endpointHint: t('token_where_service_account'),
  };
}
