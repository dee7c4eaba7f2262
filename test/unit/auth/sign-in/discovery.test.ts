import { describe, expect, it, vi } from 'vitest';
import { DiscoveryCache, discover, discoveryUrl, isSameIssuer } from '@/lib/auth/sign-in/discovery';
import { json } from '../fake-token-endpoint';

const ISSUER = 'https://idp.example.com/oauth2/default';
const URL_ = `${ISSUER}/.well-known/openid-configuration`;

const config = (over: Record<string, unknown> = {}) => ({
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}/v1/authorize`,
  token_endpoint: `${ISSUER}/v1/token`,
  jwks_uri: `${ISSUER}/v1/keys`,
  revocation_endpoint: `${ISSUER}/v1/revoke`,
  code_challenge_methods_supported: ['S256'],
  id_token_signing_alg_values_supported: ['RS256'],
  ...over,
});

const serve = (answer: () => Response | Promise<Response>) => vi.fn(async (_url: RequestInfo | URL, _init?: RequestInit) => answer());

describe('discover', () => {
  it('reads the endpoints from /.well-known/openid-configuration under the issuer', async () => {
    const fetch = serve(() => json(config({ authorization_response_iss_parameter_supported: true })));
    expect(await discover(ISSUER, { fetch })).toEqual({
      issuer: ISSUER,
      authorizationEndpoint: `${ISSUER}/v1/authorize`,
      tokenEndpoint: `${ISSUER}/v1/token`,
      jwksUri: `${ISSUER}/v1/keys`,
      revocationEndpoint: `${ISSUER}/v1/revoke`,
      idTokenAlgorithms: ['RS256'],
      issInResponse: true,
    });
    expect(String(fetch.mock.calls[0]![0])).toBe(URL_);
    expect(fetch.mock.calls[0]![1]).toMatchObject({ credentials: 'omit' });
  });

  it('drops a trailing slash before the well-known path (Discovery §4.1)', () => {
    expect(discoveryUrl('https://tenant.auth0.com/')).toBe('https://tenant.auth0.com/.well-known/openid-configuration');
  });

  it('refuses metadata that names another issuer, and says which one to enter', async () => {
    await expect(discover(ISSUER, { fetch: serve(() => json(config({ issuer: `${ISSUER}/` }))) })).rejects.toThrow(
      `The configuration at ${URL_} is for the issuer "${ISSUER}/", not "${ISSUER}". Enter the Issuer exactly as the sign-in server names it.`,
    );
  });

  it('accepts Entra ID naming a tenant domain’s issuer by its GUID, and nothing else of the kind', () => {
    const guid = 'https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0';
    expect(isSameIssuer('https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0', guid)).toBe(true);
    expect(isSameIssuer('https://login.microsoftonline.com/11111111-86f1-41af-91ab-2d7cd011db47/v2.0', guid)).toBe(false);
    expect(isSameIssuer('https://login.example.com/contoso.onmicrosoft.com/v2.0', guid)).toBe(false);
  });

  it.each([
    ['token_endpoint', { token_endpoint: 'http://idp.example.com/token' }, /gives a token_endpoint that omni-ai will not use \(http:\/\/idp\.example\.com\/token\): it must start with https:\/\//],
    ['authorization_endpoint', { authorization_endpoint: undefined }, /has no authorization_endpoint/],
    ['jwks_uri', { jwks_uri: 'javascript:alert(1)' }, /gives a jwks_uri that omni-ai will not use/],
    ['PKCE', { code_challenge_methods_supported: ['plain'] }, /does not offer PKCE with S256/],
    ['algorithms', { id_token_signing_alg_values_supported: ['HS256', 'none'] }, /signs ID tokens only with HS256, none, which omni-ai cannot verify/],
  ])('refuses unusable metadata (%s)', async (_what, over, message) => {
    await expect(discover(ISSUER, { fetch: serve(() => json(config(over))) })).rejects.toThrow(message);
  });

  it('accepts http endpoints on loopback, and a provider without revocation', async () => {
    const local = 'http://127.0.0.1:4000';
    const meta = await discover(local, {
      fetch: serve(() => json({ issuer: local, authorization_endpoint: `${local}/auth`, token_endpoint: `${local}/token`, jwks_uri: `${local}/jwks` })),
    });
    expect(meta.revocationEndpoint).toBeUndefined();
    expect(meta.idTokenAlgorithms).toEqual(['RS256']);
  });

  it.each([
    ['a 404', () => new Response('Not found', { status: 404 }), `The sign-in server's configuration at ${URL_} answered HTTP 404. Check the Issuer`],
    ['an HTML page', () => new Response('<html>login</html>', { status: 200 }), `${URL_} is not an OpenID Connect configuration`],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch')), `Could not reach the sign-in server's configuration at ${URL_} (Failed to fetch)`],
  ])('names the URL when it gets %s', async (_what, answer, message) => {
    await expect(discover(ISSUER, { fetch: serve(answer) })).rejects.toThrow(message);
  });
});

describe('DiscoveryCache', () => {
  it('fetches an issuer once an hour, and tries again after a failure', async () => {
    let now = 0;
    let fail = true;
    const load = vi.fn(async () => {
      if (fail) throw new Error('down');
      return { issuer: ISSUER } as never;
    });
    const cache = new DiscoveryCache(load, 3600_000, () => now);
    await expect(cache.get(ISSUER)).rejects.toThrow('down');
    fail = false;
    await cache.get(ISSUER);
    now = 3599_000;
    await cache.get(ISSUER);
    expect(load).toHaveBeenCalledTimes(2);
    now = 3601_000;
    await cache.get(ISSUER);
    expect(load).toHaveBeenCalledTimes(3);
  });
});
