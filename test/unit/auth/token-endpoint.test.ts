import { describe, expect, it, vi } from 'vitest';
import { AuthError } from '@/lib/auth/errors';
import { requestToken, type TokenRequest } from '@/lib/auth/token-endpoint';
import { startRedirector } from '../../servers/redirector';
import { startTokenServer } from '../../servers/token-server';
import { fakeTokenEndpoint, json } from './fake-token-endpoint';

const ENDPOINT = 'https://idp.example.com/oauth2/token';

const request = (): TokenRequest => ({
  endpoint: ENDPOINT,
  body: new URLSearchParams({ grant_type: 'client_credentials' }),
  headers: { authorization: 'Basic b21uaTpzM2NyM3Q=' },
  secrets: ['s3cr3t-value', 'Basic b21uaTpzM2NyM3Q='],
  credentialsHint: 'the Client ID and Client secret',
  endpointHint: '“Token endpoint”',
});

function run(answer: (n: number) => Response | Promise<Response>, extra = {}) {
  const endpoint = fakeTokenEndpoint(answer);
  const sleep = vi.fn(async (_ms: number) => undefined);
  const result = requestToken(request(), { fetch: endpoint.fetch, sleep, random: () => 0.5, ...extra });
  return { result, requests: endpoint.requests, sleep };
}

describe('requestToken', () => {
  it('returns the token and its lifetime, and posts a form', async () => {
    const { result, requests } = run(() => json({ access_token: 'abc', token_type: 'Bearer', expires_in: 3599 }));
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
    expect(await run(() => json({ access_token: 'a', token_type: 'Bearer', expires_in: '3599' })).result).toEqual({ accessToken: 'a', expiresIn: 3599 });
    await expect(run(() => json({ access_token: 'a', token_type: 'Bearer', expires_in: 'soon' })).result).rejects.toThrow(
      /unusable expires_in \("soon"\): it must be a number of seconds/,
    );
    await expect(run(() => json({ access_token: 'a', token_type: 'Bearer', expires_in: -5 })).result).rejects.toThrow(/unusable expires_in/);
  });

  it('takes the lifetime from a JWT access token’s exp when expires_in is missing, and refuses otherwise', async () => {
    const exp = Math.floor(Date.now() / 1000) + 1200;
    const jwt = `e30.${btoa(JSON.stringify({ exp })).replace(/=+$/, '')}.sig`;
    const { expiresIn } = await run(() => json({ access_token: jwt, token_type: 'Bearer' })).result;
    expect(expiresIn).toBeGreaterThan(1190);
    expect(expiresIn).toBeLessThanOrEqual(1200);
    await expect(run(() => json({ access_token: 'opaque', token_type: 'Bearer' })).result).rejects.toThrow(/did not say when the token expires/);
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
    const { result, requests } = run((n) => (n === 1 ? new Response('', { status: 503 }) : json({ access_token: 'ok', token_type: 'Bearer', expires_in: 60 })));
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

describe('redirects', () => {
  it.each([301, 302, 303, 307, 308] as const)(
    'refuses an HTTP %i from the token endpoint, names it and says what to do, and sends nothing where it points',
    async (status) => {
      // The redirect leads to a real OAuth2 server that would issue a token to this client.
      const tokens = await startTokenServer({ clients: { omni: 's3cr3t-value' }, expiresIn: 3600 });
      const redirector = await startRedirector({ to: tokens.issuer, status });
      try {
        const endpoint = `${redirector.url}/token`;
        const error = await requestToken({ ...request(), endpoint, body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'omni', client_secret: 's3cr3t-value' }) }, { sleep: async () => undefined }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AuthError);
        expect((error as AuthError).message).toBe(
          `The token endpoint ${endpoint} answered with a redirect. omni-ai does not follow it: the request carries your client secret or signed assertion, which must go only to the token endpoint you entered. What to do: enter the final token URL, the one the redirect leads to, in “Token endpoint”.`,
        );
        expect(redirector.requests).toHaveLength(1); // asked once: a redirect is not worth retrying
        expect(tokens.requests).toEqual([]);
      } finally {
        await Promise.all([tokens.close(), redirector.close()]);
      }
    },
  );

  it('recognises the browser’s opaque redirect (status 0, no Location) and asks for it with redirect: manual', async () => {
    const opaque = Object.defineProperties(new Response(null), { type: { value: 'opaqueredirect' }, status: { value: 0 } });
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => opaque);
    const error = await requestToken(request(), { fetch, sleep: async () => undefined }).catch((e: Error) => e);
    expect((error as AuthError).kind).toBe('redirect');
    expect((error as Error).message).toMatch(/^The token endpoint https:\/\/idp\.example\.com\/oauth2\/token answered with a redirect\./);
    expect(fetch.mock.calls[0]![1]!.redirect).toBe('manual');
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('HTTP 429', () => {
  const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
  const limited = (headers: Record<string, string>, body = '') =>
    run(() => new Response(body, { status: 429, headers }), { now: () => NOW });

  it('honours Retry-After in seconds: asks once, says when to try again, and carries that time', async () => {
    const { result, requests, sleep } = limited({ 'retry-after': '120' });
    const error = (await result.catch((e: unknown) => e)) as AuthError;
    expect(error.message).toBe(
      'The token endpoint https://idp.example.com/oauth2/token is rate limiting token requests (HTTP 429). omni-ai will not ask it again before then: try again in 2 min.',
    );
    expect(error).toMatchObject({ kind: 'rate-limit', status: 429, retryAt: NOW + 120_000, retryable: false });
    expect(requests).toHaveLength(1);
    expect(sleep).not.toHaveBeenCalled();
  });

  it('honours Retry-After as an HTTP date, and keeps the server’s OAuth2 error', async () => {
    const { result } = limited(
      { 'retry-after': new Date(NOW + 45_000).toUTCString(), 'content-type': 'application/json' },
      JSON.stringify({ error: 'temporarily_unavailable', error_description: 'AADSTS50196: request throttled.' }),
    );
    const error = (await result.catch((e: unknown) => e)) as AuthError;
    expect(error.retryAt).toBe(NOW + 45_000);
    expect(error.message).toMatch(/\(HTTP 429\): temporarily_unavailable: AADSTS50196: request throttled\. .*try again in 45 s\.$/);
  });

  it('waits 30 s when there is no Retry-After, and at most a day whatever it says', async () => {
    expect(((await limited({}).result.catch((e: unknown) => e)) as AuthError).retryAt).toBe(NOW + 30_000);
    expect(((await limited({ 'retry-after': '99999999' }).result.catch((e: unknown) => e)) as AuthError).retryAt).toBe(
      NOW + 24 * 3600_000,
    );
  });
});

describe('token_type', () => {
  it.each(['Bearer', 'bearer', 'BEARER'])('accepts %j: RFC 6749 §5.1 compares it case-insensitively', async (type) => {
    expect(await run(() => json({ access_token: 'a', token_type: type, expires_in: 60 })).result).toEqual({ accessToken: 'a', expiresIn: 60 });
  });

  it.each([
    ['DPoP', 'token_type "DPoP"'],
    ['mac', 'token_type "mac"'],
    ['N_A', 'token_type "N_A"'],
    ['', 'token_type ""'],
    [42, 'token_type 42'],
    [undefined, 'no token_type'],
  ])('refuses %j, naming the endpoint and what it sent', async (type, sent) => {
    await expect(run(() => json({ access_token: 'a', token_type: type, expires_in: 60 })).result).rejects.toThrow(
      `The token endpoint https://idp.example.com/oauth2/token answered with ${sent}, not Bearer. omni-ai can only send Bearer tokens (RFC 6750) and must not use a token of another type. What to do: set up the client at your identity provider to issue Bearer tokens (without DPoP or proof-of-possession).`,
    );
  });
});

describe('refresh_in (Entra ID)', () => {
  const answer = (refresh_in: unknown) =>
    run(() => json({ access_token: 'a', token_type: 'Bearer', expires_in: 86399, refresh_in })).result;

  it('is read as seconds, as a number or a string of digits', async () => {
    expect(await answer(43199)).toEqual({ accessToken: 'a', expiresIn: 86399, refreshIn: 43199 });
    expect(await answer('43199')).toEqual({ accessToken: 'a', expiresIn: 86399, refreshIn: 43199 });
  });

  it.each([0, -1, 86399, 90000, 'soon', null])('is ignored when it would not move the refresh earlier (%j)', async (value) => {
    expect(await answer(value)).toEqual({ accessToken: 'a', expiresIn: 86399 });
  });
});
