import '../../providers/sdks-registered';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, type JWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyIdToken, type IdTokenExpectations } from '@/lib/auth/sign-in/id-token';

const ISSUER = 'https://login.example.com/tenant-1';
const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
let signingKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: { keys: JWK[] };

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  signingKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' }] };
  otherKey = (await generateKeyPair('RS256')).privateKey;
});

const expectations = (over: Partial<IdTokenExpectations> = {}): IdTokenExpectations => ({
  issuer: ISSUER,
  clientId: 'omni-public',
  nonce: 'nonce-1',
  algorithms: ['RS256'],
  keys: createLocalJWKSet(jwks),
  now: () => NOW,
  ...over,
});

/** An ID token as the issuer signs it; `claims` override any standard claim. */
function idToken(claims: Record<string, unknown> = {}, key: CryptoKey = signingKey, iat = NOW / 1000) {
  return new SignJWT({
    iss: ISSUER,
    aud: 'omni-public',
    sub: 'user-42',
    iat,
    exp: iat + 3600,
    nonce: 'nonce-1',
    name: 'Ada Lovelace',
    preferred_username: 'ada@contoso.com',
    ...claims,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .sign(key);
}

describe('verifyIdToken', () => {
  it('returns who signed in, and nothing else', async () => {
    expect(await verifyIdToken(await idToken({ email: 'x@y', groups: ['a'] }), expectations())).toEqual({
      subject: 'user-42',
      name: 'Ada Lovelace',
      username: 'ada@contoso.com',
    });
  });

  it('refuses a token signed with a key the issuer does not publish', async () => {
    await expect(verifyIdToken(await idToken({}, otherKey), expectations())).rejects.toThrow(
      `omni-ai refused the ID token from ${ISSUER}: its signature does not match any of the issuer’s published keys. Nothing was signed in.`,
    );
  });

  it('refuses a token whose payload was altered after signing', async () => {
    const [header, , signature] = (await idToken()).split('.');
    const forged = Buffer.from(JSON.stringify({ iss: ISSUER, aud: 'omni-public', sub: 'admin', nonce: 'nonce-1', iat: NOW / 1000, exp: NOW / 1000 + 60 })).toString('base64url');
    await expect(verifyIdToken(`${header}.${forged}.${signature}`, expectations())).rejects.toThrow(/its signature does not match/);
  });

  it('refuses another issuer, another audience, an expired token and a replayed nonce', async () => {
    await expect(verifyIdToken(await idToken({ iss: 'https://evil.example.com' }), expectations())).rejects.toThrow(/issued by another issuer/);
    await expect(verifyIdToken(await idToken({ aud: 'someone-else' }), expectations())).rejects.toThrow(
      /issued for another client, not the Client ID omni-public/,
    );
    await expect(verifyIdToken(await idToken({}, signingKey, NOW / 1000 - 7200), expectations())).rejects.toThrow(/it has expired/);
    await expect(verifyIdToken(await idToken({ nonce: 'nonce-0' }), expectations())).rejects.toThrow(/its nonce is not the one this sign-in sent/);
    await expect(verifyIdToken(await idToken({ nonce: undefined }), expectations())).rejects.toThrow(/nonce/);
  });

  it('forgives a minute of clock skew, not more', async () => {
    // Expired 30 s ago by our clock: accepted. Issued an hour and 2 minutes ago: refused.
    await expect(verifyIdToken(await idToken({}, signingKey, NOW / 1000 - 3630), expectations())).resolves.toMatchObject({ subject: 'user-42' });
    await expect(verifyIdToken(await idToken({}, signingKey, NOW / 1000 - 3720), expectations())).rejects.toThrow(/expired/);
  });

  it('requires azp to be this client when there are several audiences (OIDC Core §3.1.3.7)', async () => {
    await expect(verifyIdToken(await idToken({ aud: ['omni-public', 'other-api'] }), expectations())).rejects.toThrow(/azp/);
    await expect(verifyIdToken(await idToken({ aud: ['omni-public', 'other-api'], azp: 'omni-public' }), expectations())).resolves.toMatchObject({
      subject: 'user-42',
    });
  });

  it('refuses an unsigned token and algorithms the issuer does not announce', async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: ISSUER, aud: 'omni-public', sub: 'x', nonce: 'nonce-1', iat: NOW / 1000, exp: NOW / 1000 + 60 })).toString('base64url')}.`;
    await expect(verifyIdToken(none, expectations())).rejects.toThrow(/refused the ID token/);
    await expect(verifyIdToken(await idToken(), expectations({ algorithms: ['ES256'] }))).rejects.toThrow(/algorithm the issuer does not announce/);
  });
});
