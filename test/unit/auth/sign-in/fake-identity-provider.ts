import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { AuthError } from '@/lib/auth/errors';
import { codeChallengeS256 } from '@/lib/auth/sign-in/pkce';
import type { TokenRequest, TokenResponse } from '@/lib/auth/token-endpoint';
import { ISSUER, REDIRECT, metadata } from './metadata';

/**
 * An in-memory identity provider for the sign-in flow's unit tests: it answers the authorization
 * request as the browser window would (a redirect with a code and the state), and the token
 * requests as a token endpoint does: a code is good once and only with the right PKCE verifier.
 * The end-to-end tests use a real one (oidc-provider).
 */
const keyPair = generateKeyPair('RS256'); // once: RSA key generation takes a while

export async function fakeIdentityProvider() {
  const { privateKey, publicKey } = await keyPair;
  const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' } as JWK] };
  const codes = new Map<string, { challenge: string; nonce: string; clientId: string }>();
  const requests: URLSearchParams[] = [];
  let n = 0;
  const provider = {
    metadata: metadata(),
    keys: () => createLocalJWKSet(jwks),
    requests,
    /** What the sign-in window does; a test may tamper with the answer. */
    tamper: (url: URL) => url,
    idTokenClaims: {} as Record<string, unknown>,
    async launch(authorizeUrl: string): Promise<string> {
      const q = new URL(authorizeUrl).searchParams;
      const code = `code-${++n}`;
      codes.set(code, { challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, clientId: q.get('client_id')! });
      return provider.tamper(new URL(`${q.get('redirect_uri')}?code=${code}&state=${q.get('state')}`)).toString();
    },
    async exchange(request: TokenRequest): Promise<TokenResponse> {
      const body = request.body;
      requests.push(body);
      const grant = codes.get(body.get('code') ?? '');
      codes.delete(body.get('code') ?? '');
      if (!grant || (await codeChallengeS256(body.get('code_verifier') ?? '')) !== grant.challenge)
        throw new AuthError('oauth', 'The token endpoint refused: invalid_grant.', { status: 400, oauthError: 'invalid_grant' });
      const now = Math.floor(Date.now() / 1000);
      const idToken = await new SignJWT({ iss: ISSUER, aud: grant.clientId, sub: 'user-42', iat: now, exp: now + 3600, nonce: grant.nonce, name: 'Ada Lovelace', ...provider.idTokenClaims })
        .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
        .sign(privateKey);
      return { accessToken: `access-${n}`, expiresIn: 3600, refreshToken: `refresh-${n}`, idToken };
    },
  };
  return provider;
}

export { REDIRECT };
