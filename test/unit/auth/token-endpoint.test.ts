import { describe, expect, it, vi } from 'vitest';
import { requestToken, type TokenRequest } from '@/lib/auth/token-endpoint';
import { fakeTokenEndpoint, json } from './fake-token-endpoint';

const ENDPOINT = 'https://idp.example.com/oauth2/token';

const request = (): TokenRequest => ({
  endpoint: ENDPOINT,
  body: new URLSearchParams({ grant_type: 'client_credentials' }),
  headers: { authorization: 'Basic b21uaTpzM2NyM3Q=' },
  secrets: ['s3cr3t-value', 'Basic b21uaTpzM2NyM3Q='],
  credentialsHint: 'the Client ID and Client secret',
});

function run(answer: (n: number) => Response | Promise<Response>, extra = {}) {
  const endpoint = fakeTokenEndpoint(answer);
  const sleep = vi.fn(async (_ms: number) => undefined);
  const result = requestToken(request(), { fetch: endpoint.fetch, sleep, random: () => 0.5, ...extra });
  return { result, requests: endpoint.requests, sleep };
}

describe('requestToken', () => {
  it('returns the token and its lifetime, and posts a form', async () => {
    const { result, requests } = run(() => json({ access_token: 'abc', expires_in: 3599 }));
    expect(await result).toEqual({ accessToken: 'abc', expiresIn: 3599 });
    expect(requests[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded');
  });

  it('turns an OAuth2 error into a message that names the endpoint and what to check, without retrying', async () => {
    const { result, requests } = run(() =>
      json({ error: 'invalid_client', error_description: 'AADSTS7000215: Invalid client secret provided.' }, 401),
    );
    await expect(result).rejects.toThrow(
      'The token endpoint https://idp.example.com/oauth2/token refused: invalid_client: AADSTS7000215: Invalid client secret provided. What to do: check the Client ID and Client secret, and the Client authentication method.',
    );
    expect(requests).toHaveLength(1);
  });

  it.each([
    ['invalid_scope', /check the Scope/],
    ['unauthorized_client', /not allowed this grant/],
    ['invalid_request', /Scope, Audience and Resource/],
    ['unsupported_grant_type', /does not offer this grant/],
  ])('advises on %s', async (code, advice) => {
    await expect(run(() => json({ error: code }, 400)).result).rejects.toThrow(advice);
  });

  it('never repeats a secret the server echoes back', async () => {
    const { result } = run(() => json({ error: 'invalid_client', error_description: 'secret s3cr3t-value is wrong' }, 401));
    const message = (await result.catch((e: Error) => e.message)) as string;
    expect(message).toContain('secret [redacted] is wrong');
    expect(message).not.toContain('s3cr3t-value');
  });

  it('recognises an HTML page (a login or proxy page) and says to check the URL', async () => {
    const { result } = run(() => new Response('<!doctype html><title>Sign in</title>', { headers: { 'content-type': 'text/html' } }));
    await expect(result).rejects.toThrow(/answered with an HTML page, not a token\. Check the Token endpoint URL/);
  });

  it('rejects a JSON answer without an access_token', async () => {
    await expect(run(() => json({ token_type: 'Bearer', expires_in: 3600 })).result).rejects.toThrow(
      /answered without an access_token/,
    );
  });

  it('accepts expires_in as a string of digits (Entra ID v1) and rejects any other string', async () => {
    expect(await run(() => json({ access_token: 'a', expires_in: '3599' })).result).toEqual({ accessToken: 'a', expiresIn: 3599 });
    await expect(run(() => json({ access_token: 'a', expires_in: 'soon' })).result).rejects.toThrow(
      /unusable expires_in \("soon"\): it must be a number of seconds/,
    );
    await expect(run(() => json({ access_token: 'a', expires_in: -5 })).result).rejects.toThrow(/unusable expires_in/);
  });

  it('takes the lifetime from a JWT access token’s exp when expires_in is missing, and refuses otherwise', async () => {
    const exp = Math.floor(Date.now() / 1000) + 1200;
    const jwt = `e30.${btoa(JSON.stringify({ exp })).replace(/=+$/, '')}.sig`;
    const { expiresIn } = await run(() => json({ access_token: jwt })).result;
    expect(expiresIn).toBeGreaterThan(1190);
    expect(expiresIn).toBeLessThanOrEqual(1200);
    await expect(run(() => json({ access_token: 'opaque' })).result).rejects.toThrow(/did not say when the token expires/);
  });

  it('retries a 5xx with exponential backoff and jitter, three tries in all', async () => {
    const { result, requests, sleep } = run(() => new Response('upstream down', { status: 502 }));
    await expect(result).rejects.toThrow(
      'The token endpoint https://idp.example.com/oauth2/token failed with HTTP 502. Try again later. (3 tries)',
    );
    expect(requests).toHaveLength(3);
    expect(sleep.mock.calls.map(([ms]) => ms)).toEqual([500, 1000]);
  });

  it('succeeds when a retry does', async () => {
    const { result, requests } = run((n) => (n === 1 ? new Response('', { status: 503 }) : json({ access_token: 'ok', expires_in: 60 })));
    expect((await result).accessToken).toBe('ok');
    expect(requests).toHaveLength(2);
  });

  it('does not retry a 4xx that is not an OAuth2 error', async () => {
    const { result, requests } = run(() => new Response('Not Found', { status: 404 }));
    await expect(result).rejects.toThrow('The token endpoint https://idp.example.com/oauth2/token answered HTTP 404. Check the Token endpoint URL.');
    expect(requests).toHaveLength(1);
  });

  it('retries a network failure, then says what to check', async () => {
    const { result, requests } = run(() => {
      throw new TypeError('Failed to fetch');
    });
    await expect(result).rejects.toThrow(
      /Could not reach the token endpoint https:\/\/idp\.example\.com\/oauth2\/token \(Failed to fetch\)\. Check the URL, your network, and that omni-ai may access this site\. \(3 tries\)/,
    );
    expect(requests).toHaveLength(3);
  });

  it('gives up on an attempt after the timeout, and retries it', async () => {
    const hang = fakeTokenEndpoint(() => new Promise<Response>(() => undefined));
    const abortable: typeof fetch = (input, init) =>
      new Promise((_resolve, reject) => {
        void hang.fetch(input, init);
        init?.signal?.addEventListener('abort', () => reject(init.signal!.reason));
      });
    const result = requestToken(request(), { fetch: abortable, timeoutMs: 20, sleep: async () => undefined });
    await expect(result).rejects.toThrow(/did not answer within 0\.02 s\. Check the URL, your network and proxy\. \(3 tries\)/);
    expect(hang.requests).toHaveLength(3);
  });
});
