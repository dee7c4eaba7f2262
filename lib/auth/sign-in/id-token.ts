import { t } from '../../i18n/t';
import type { JWTVerifyGetKey } from 'jose';
import { loadSdk } from '../../providers/sdk/load-sdk';
import { AuthError } from '../errors';

/** Who signed in, as the UI shows it. Nothing else of the ID token is kept. */
export interface SignedInAccount {
  subject: string;
  name?: string;
  username?: string;
}

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  algorithms: string[];
  /** The issuer's signing keys (its jwks_uri). */
  keys: JWTVerifyGetKey;
  now?: () => number;
}

/** Clocks drift: a minute either way is forgiven on exp, iat and nbf. */
const CLOCK_TOLERANCE_S = 60;

const remoteKeySets = new Map<string, JWTVerifyGetKey>();

/** The issuer's JWKS, fetched on first use and re-fetched by jose when a token names an unknown key. */
export function remoteKeys(jwksUri: string): JWTVerifyGetKey {
  let keys = remoteKeySets.get(jwksUri);
  if (!keys) {
    keys = loadSdk('jose', 'sign-in').createRemoteJWKSet(new URL(jwksUri));
    remoteKeySets.set(jwksUri, keys);
  }
  return keys;
}

function refused(issuer: string, why: string): AuthError {
  return new AuthError('invalid-response', t('id_token_refused', issuer, why));
}

/**
 * OpenID Connect Core §3.1.3.7: the signature against the issuer's published keys, `iss`, `aud`
 * (and `azp` when there are several audiences), `exp`, and the `nonce` this sign-in sent. Returns
 * only the name and username to show.
 */
export async function verifyIdToken(idToken: string, expect: IdTokenExpectations): Promise<SignedInAccount> {
  const { errors, jwtVerify } = loadSdk('jose', 'sign-in');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(idToken, expect.keys, {
      issuer: expect.issuer,
      audience: expect.clientId,
      algorithms: expect.algorithms,
      requiredClaims: ['exp', 'iat', 'sub'],
      clockTolerance: CLOCK_TOLERANCE_S,
      currentDate: new Date((expect.now ?? Date.now)()),
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw refused(expect.issuer, t('id_token_expired'));
    if (error instanceof errors.JWTClaimValidationFailed)
      throw refused(
        expect.issuer,
        error.claim === 'aud'
          ? t('id_token_other_client', expect.clientId)
          : error.claim === 'iss'
            ? t('id_token_other_issuer')
            : t('id_token_bad_claim', error.claim, error.reason),
      );
    if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey)
      throw refused(expect.issuer, t('id_token_bad_signature'));
    if (error instanceof errors.JOSEAlgNotAllowed) throw refused(expect.issuer, t('id_token_bad_algorithm'));
    if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid)
      throw new AuthError('network', t('id_token_keys_unreadable', expect.issuer, (error as Error).message), { retryable: true });
    throw refused(expect.issuer, (error as Error).message);
  }
  if (payload.nonce !== expect.nonce) throw refused(expect.issuer, t('id_token_replayed'));
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== expect.clientId)
    throw refused(expect.issuer, t('id_token_other_party'));
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : undefined);
  return {
    subject: payload.sub as string,
    name: text(payload.name),
    username: text(payload.preferred_username) ?? text(payload.email) ?? text(payload.upn),
  };
}
