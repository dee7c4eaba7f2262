import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AuthError } from '@/lib/auth/errors';
import { OAuth2Gateway, REFRESH_MARGIN_MS, refreshAt, type Cooldown, type GatewayTarget } from '@/lib/auth/oauth2-gateway';
import { alarmScheduler } from '@/lib/auth/refresh-alarms';
import { SessionStore } from '@/lib/auth/session-store';
import { readTokenStatuses, updateTokenStatus } from '@/lib/auth/token-status';
import { TokenStore } from '@/lib/auth/token-store';
import type { ClientCredentialsSource } from '@/lib/auth/token-source';
import { ProviderError } from '@/lib/providers/provider-error';
import { startFakeAzureOpenAI } from '../../servers/fake-azure-openai';
import { startRedirector } from '../../servers/redirector';
import { fakeTokenEndpoint, json, tokenResponse, type RecordedRequest } from './fake-token-endpoint';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const HOUR = 3600_000;

const source = (over: Partial<ClientCredentialsSource> = {}): ClientCredentialsSource => ({
  grant: 'client_credentials',
  tokenEndpoint: 'https://login.example.com/tenant/oauth2/v2.0/token',
  clientId: 'omni-client',
  clientSecret: 'omni-secret',
  clientAuth: 'basic',
  scope: 'https://cognitiveservices.azure.com/.default',
  audience: '',
  resource: '',
  ...over,
});

/** The wall clock, which a test may turn back or forward. */
let now = T0;
/** This worker's monotonic clock (performance.now()): it only moves on, and starts again at 0 in a new worker. */
let monotonic = 0;
/** Time passing for real: both clocks move on. */
const advance = (ms: number) => {
  now += ms;
  monotonic += ms;
};
let target: GatewayTarget | undefined;

/** A gateway as the worker builds one; a second call stands for a restarted worker (empty memory, same storage.session). */
function makeGateway(answer: (n: number, req: RecordedRequest) => Response | Promise<Response>, tokens = new TokenStore()) {
  const endpoint = fakeTokenEndpoint(answer);
  const gateway = new OAuth2Gateway({
    target: async () => target,
    tokens,
    usage: new SessionStore<number>('omni-ai:token-use:'),
    cooldowns: new SessionStore<Cooldown>('omni-ai:token-cooldown:'),
    scheduler: alarmScheduler,
    status: updateTokenStatus,
    now: () => now,
    monotonic: () => monotonic,
    random: () => 0.5,
    tokenEndpoint: { fetch: endpoint.fetch, sleep: async () => undefined, random: () => 0.5 },
  });
  return { gateway, requests: endpoint.requests };
}

const alarmTime = async () => (await fakeBrowser.alarms.get('omni-ai:token-refresh:azure-openai'))?.scheduledTime;

beforeEach(() => {
  fakeBrowser.reset();
  now = T0;
  monotonic = 0;
  target = { source: source(), apiOrigin: 'https://contoso.openai.azure.com' };
});

describe('getAccessToken', () => {
  it('fetches a token with the client-credentials grant', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-1');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe('https://login.example.com/tenant/oauth2/v2.0/token');
    expect(Object.fromEntries(requests[0]!.body)).toEqual({
      grant_type: 'client_credentials',
      scope: 'https://cognitiveservices.azure.com/.default',
    });
  });

  it('reuses a cached token while it is valid for more than 5 minutes', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    now = T0 + HOUR - REFRESH_MARGIN_MS - 1000;
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-1');
    expect(requests).toHaveLength(1);
  });

  it('fetches a new token once inside the 5-minute buffer', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    now = T0 + HOUR - REFRESH_MARGIN_MS + 1000;
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-2');
    expect(requests).toHaveLength(2);
  });

  it('makes exactly one token request for 50 concurrent callers on a cold cache', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { gateway, requests } = makeGateway(async (n) => {
      await gate;
      return tokenResponse(n);
    });
    const all = Promise.all(Array.from({ length: 50 }, () => gateway.getAccessToken('azure-openai')));
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    release();
    expect(new Set(await all)).toEqual(new Set(['token-1']));
    expect(requests).toHaveLength(1);
  });

  it('never reuses a token after the credentials or scope change', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    target = { ...target!, source: source({ scope: 'api://other/.default' }) };
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-2');
    target = { ...target, source: source({ clientSecret: 'rotated' }) };
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-3');
    expect(requests).toHaveLength(3);
  });

  it('reuses the stored token after the worker restarts (a new gateway, empty memory)', async () => {
    await makeGateway((n) => tokenResponse(n)).gateway.getAccessToken('azure-openai');
    const restarted = makeGateway((n) => tokenResponse(n + 100), new TokenStore());
    expect(await restarted.gateway.getAccessToken('azure-openai')).toBe('token-1');
    expect(restarted.requests).toHaveLength(0);
    expect(Object.keys(await fakeBrowser.storage.session.get(null))).toContain('omni-ai:token:azure-openai');
  });

  it('says what to set up when the provider does not use OAuth2', async () => {
    target = undefined;
    const { gateway } = makeGateway((n) => tokenResponse(n));
    await expect(gateway.getAccessToken('bedrock')).rejects.toThrow(/AWS Bedrock is not set up for OAuth2/);
  });

  it('halves the margin for tokens that live less than 10 minutes', () => {
    expect(refreshAt({ obtainedAt: 0, expiresAt: 120_000 })).toBe(60_000);
    expect(refreshAt({ obtainedAt: 0, expiresAt: HOUR })).toBe(HOUR - REFRESH_MARGIN_MS);
  });
});

describe('refresh by alarm', () => {
  it('arms an alarm 5 minutes before expiry, and its refresh means no request waits later', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    expect(await alarmTime()).toBe(T0 + HOUR - REFRESH_MARGIN_MS);

    now = T0 + HOUR - REFRESH_MARGIN_MS;
    await gateway.refreshInBackground('azure-openai');
    expect(requests).toHaveLength(2);
    expect(await alarmTime()).toBe(now + HOUR - REFRESH_MARGIN_MS);
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-2');
    expect(requests).toHaveLength(2);
    expect((await readTokenStatuses())['azure-openai']).toMatchObject({
      expiresAt: now + HOUR,
      lastRefreshAt: now,
      nextRefreshAt: now + HOUR - REFRESH_MARGIN_MS,
    });
  });

  it('keeps the old token when a refresh fails while it is still valid, and retries with backoff', async () => {
    let down = false;
    const { gateway, requests } = makeGateway((n) =>
      down ? json({ error: 'temporarily_unavailable' }, 503) : tokenResponse(n),
    );
    await gateway.getAccessToken('azure-openai');
    down = true;
    now = T0 + HOUR - REFRESH_MARGIN_MS;
    await gateway.refreshInBackground('azure-openai');

    expect(await gateway.getAccessToken('azure-openai')).toBe('token-1');
    const status = (await readTokenStatuses())['azure-openai']!;
    expect(status.lastError).toMatch(/login\.example\.com.*refused: temporarily_unavailable.*try again later.*\(3 tries\)/);
    expect(status.failures).toBe(1);
    // 30 s × 2^0 × (0.5 + 0.5 jitter); then 60 s; never past the token's expiry.
    expect(await alarmTime()).toBe(now + 30_000);
    await gateway.refreshInBackground('azure-openai');
    expect(await alarmTime()).toBe(now + 60_000);

    down = false;
    await gateway.refreshInBackground('azure-openai');
    expect(await gateway.getAccessToken('azure-openai')).toMatch(/^token-/);
    const recovered = (await readTokenStatuses())['azure-openai']!;
    expect(recovered.failures).toBe(0);
    expect(recovered.lastError).toBeUndefined();
    expect(requests.length).toBeGreaterThanOrEqual(3);
  });

  it('does not wait for a refresh under way while the current token is still good', async () => {
    let release!: () => void;
    const { gateway, requests } = makeGateway(async (n) => {
      if (n === 2) await new Promise<void>((resolve) => (release = resolve));
      return tokenResponse(n);
    });
    await gateway.getAccessToken('azure-openai');
    now = T0 + HOUR - REFRESH_MARGIN_MS;
    const background = gateway.refreshInBackground('azure-openai');
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-1');
    release();
    await background;
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-2');
  });

  it('re-arms a lost alarm when the worker starts', async () => {
    const { gateway } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    await fakeBrowser.alarms.clearAll();
    await gateway.rearm(['azure-openai', 'bedrock', 'vertex']);
    expect(await alarmTime()).toBe(T0 + HOUR - REFRESH_MARGIN_MS);
    expect(await fakeBrowser.alarms.getAll()).toHaveLength(1);
  });

  it('forgets token, alarm and status when the provider stops using OAuth2', async () => {
    const { gateway } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    target = undefined;
    await gateway.refreshInBackground('azure-openai');
    expect(await alarmTime()).toBeUndefined();
    expect(await fakeBrowser.storage.session.get('omni-ai:token:azure-openai')).toEqual({});
    expect((await readTokenStatuses())['azure-openai']).toBeUndefined();
  });
});

describe('createAuthenticatedFetch', () => {
  it('adds the bearer token to requests for the provider’s origin', async () => {
    const { gateway } = makeGateway((n) => tokenResponse(n));
    const api = vi.fn(async () => new Response('ok'));
    const authed = gateway.createAuthenticatedFetch('azure-openai', api);
    await authed('https://contoso.openai.azure.com/openai/deployments/x/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    const headers = new Headers((api.mock.calls[0] as unknown as [string, RequestInit])[1].headers);
    expect(headers.get('authorization')).toBe('Bearer token-1');
    expect(headers.get('content-type')).toBe('application/json');
    // A redirect could take the token to another origin: it is not followed (credentialFetch).
    expect((api.mock.calls[0] as unknown as [string, RequestInit])[1].redirect).toBe('manual');
  });

  it('refuses, without sending anything, a request for any other origin', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    const api = vi.fn(async () => new Response('ok'));
    const authed = gateway.createAuthenticatedFetch('azure-openai', api);
    for (const url of ['https://evil.example/steal', 'http://contoso.openai.azure.com/x', 'https://contoso.openai.azure.com:8443/x']) {
      const error = await authed(url).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AuthError);
      expect((error as AuthError).message).toMatch(/refused to send the Azure OpenAI token/);
    }
    expect(api).not.toHaveBeenCalled();
    expect(requests).toHaveLength(0);
  });

  it('on a 401 drops the token, gets a new one and retries once', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    const seen: string[] = [];
    const api = vi.fn(async (_url: RequestInfo | URL, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get('authorization')!);
      return new Response('', { status: seen.length === 1 ? 401 : 200 });
    });
    const response = await gateway.createAuthenticatedFetch('azure-openai', api)('https://contoso.openai.azure.com/x');
    expect(response.status).toBe(200);
    expect(seen).toEqual(['Bearer token-1', 'Bearer token-2']);
    expect(requests).toHaveLength(2);
  });

  it('retries a 401 only once', async () => {
    const { gateway } = makeGateway((n) => tokenResponse(n));
    const api = vi.fn(async () => new Response('', { status: 401 }));
    const response = await gateway.createAuthenticatedFetch('azure-openai', api)('https://contoso.openai.azure.com/x');
    expect(response.status).toBe(401);
    expect(api).toHaveBeenCalledTimes(2);
  });
});

describe('a redirect from the provider’s API', () => {
  it('is refused with the same message as for an API key, and the token never reaches where it points', async () => {
    const elsewhere = await startFakeAzureOpenAI({ deployments: ['gpt-4o'], bearer: async () => true });
    const redirector = await startRedirector({ to: elsewhere.url });
    try {
      target = { source: source(), apiOrigin: redirector.url };
      const { gateway } = makeGateway((n) => tokenResponse(n));
      const url = `${redirector.url}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21`;
      const error = await gateway.createAuthenticatedFetch('azure-openai')(url, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).message).toBe(
        `Azure OpenAI at ${redirector.url}/openai/deployments/gpt-4o/chat/completions answered with a redirect. omni-ai does not follow redirects with your credentials: a redirect could take them to another site. What to do: enter the final URL, the one the redirect leads to, in “Endpoint”.`,
      );
      expect(redirector.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1']);
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await Promise.all([elsewhere.close(), redirector.close()]);
    }
  });
});

describe('a token endpoint that answers 429', () => {
  const limited = (retryAfter: string) =>
    new Response(JSON.stringify({ error: 'temporarily_unavailable' }), {
      status: 429,
      headers: { 'retry-after': retryAfter, 'content-type': 'application/json' },
    });

  it('is not asked again before Retry-After, not even after a worker restart; the user reads when to try again', async () => {
    let limitedFor = '120';
    const answer = (n: number) => (limitedFor ? limited(limitedFor) : tokenResponse(n));
    const { gateway, requests } = makeGateway(answer);
    await expect(gateway.getAccessToken('azure-openai')).rejects.toThrow(
      'The token endpoint https://login.example.com/tenant/oauth2/v2.0/token is rate limiting token requests (HTTP 429): temporarily_unavailable. omni-ai will not ask it again before then: try again in 2 min.',
    );
    advance(30_000);
    await expect(gateway.getAccessToken('azure-openai')).rejects.toThrow(/rate limiting token requests \(HTTP 429\)\. .*try again in 90 s\./);
    expect((await readTokenStatuses())['azure-openai']!.lastError).toMatch(/try again in 90 s/);
    const restarted = makeGateway(answer);
    await expect(restarted.gateway.getAccessToken('azure-openai')).rejects.toThrow(/try again in 90 s/);
    expect([...requests, ...restarted.requests]).toHaveLength(1);

    limitedFor = '';
    advance(90_000);
    expect(await restarted.gateway.getAccessToken('azure-openai')).toBe('token-1');
    expect(restarted.requests).toHaveLength(1);
  });

  it('applies to the credentials it was given for: corrected credentials are asked at once', async () => {
    const { gateway, requests } = makeGateway((n) => (n === 1 ? limited('600') : tokenResponse(n)));
    await expect(gateway.getAccessToken('azure-openai')).rejects.toThrow(/HTTP 429/);
    target = { ...target!, source: source({ clientId: 'another-client' }) };
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-2');
    expect(requests).toHaveLength(2);
  });

  it('moves a background refresh to the time it gives, while requests keep the valid token', async () => {
    const { gateway, requests } = makeGateway((n) => (n === 2 ? limited('60') : tokenResponse(n)));
    await gateway.getAccessToken('azure-openai');
    advance(HOUR - REFRESH_MARGIN_MS);
    await gateway.refreshInBackground('azure-openai');
    expect(await alarmTime()).toBe(now + 60_000);
    expect((await readTokenStatuses())['azure-openai']).toMatchObject({ nextRefreshAt: now + 60_000 });
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-1');
    expect(requests).toHaveLength(2);

    advance(60_000);
    await gateway.refreshInBackground('azure-openai');
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-3');
    expect(requests).toHaveLength(3);
  });
});

describe('refresh_in (Entra ID)', () => {
  it('moves the refresh earlier: the alarm and the cache both follow it', async () => {
    const { gateway, requests } = makeGateway((n) =>
      json({ access_token: `token-${n}`, token_type: 'Bearer', expires_in: 86399, refresh_in: 43199 }),
    );
    await gateway.getAccessToken('azure-openai');
    expect(await alarmTime()).toBe(T0 + 43199_000);
    advance(43198_000);
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-1');
    advance(2_000);
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-2');
    expect(requests).toHaveLength(2);
  });
});

describe('a clock that jumps', () => {
  it('turned back before the token was obtained: the token counts as expired (MSAL), also after a worker restart', async () => {
    const first = makeGateway((n) => tokenResponse(n));
    await first.gateway.getAccessToken('azure-openai');
    now -= 2 * HOUR; // by the wall clock the token would now look valid for three more hours
    monotonic = 0; // a new worker
    const restarted = makeGateway((n) => tokenResponse(n + 1), new TokenStore());
    expect(await restarted.gateway.getAccessToken('azure-openai')).toBe('token-2');
    expect(restarted.requests).toHaveLength(1);
  });

  it('turned back by less than the token’s age: the worker’s monotonic clock still sees its real age', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    advance(58 * 60_000); // 58 minutes of a 60-minute token: past the 5-minute margin
    now -= 30 * 60_000; // the wall clock says 28
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-2');
    expect(requests).toHaveLength(2);
  });

  it('jumped forward: the token looks older and is renewed, and a token obtained then is dropped when the clock comes back', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    advance(60_000);
    now += 2 * HOUR;
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-2');
    now -= 2 * HOUR; // corrected: token-2 was "obtained" two hours from now
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-3');
    expect(requests).toHaveLength(3);
  });
});

describe('background refresh only while the provider is in use', () => {
  it('refreshes a token used within its lifetime, then skips once idle: no request, no new alarm', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai'); // the last use
    advance(HOUR - REFRESH_MARGIN_MS);
    await gateway.refreshInBackground('azure-openai'); // used 55 min ago, within the 60-minute lifetime
    expect(requests).toHaveLength(2);
    const next = await alarmTime();
    expect(next).toBe(now + HOUR - REFRESH_MARGIN_MS);

    advance(next! - now);
    await fakeBrowser.alarms.clearAll(); // it fired
    await gateway.refreshInBackground('azure-openai'); // used 110 min ago: idle
    expect(requests).toHaveLength(2);
    expect(await alarmTime()).toBeUndefined();
    expect((await readTokenStatuses())['azure-openai']!.nextRefreshAt).toBeUndefined();

    // The next request simply gets a token on demand, and the provider is in use again.
    advance(10 * 60_000);
    expect(await gateway.getAccessToken('azure-openai')).toBe('token-3');
    expect(await alarmTime()).toBe(now + HOUR - REFRESH_MARGIN_MS);
  });

  it('keeps refreshing ahead of expiry while requests keep coming, so none waits', async () => {
    const { gateway, requests } = makeGateway((n) => tokenResponse(n));
    await gateway.getAccessToken('azure-openai');
    let waited = 0;
    for (let minute = 1; minute <= 6 * 60; minute++) {
      advance(60_000);
      const due = await alarmTime();
      if (due !== undefined && due <= now) {
        await fakeBrowser.alarms.clearAll();
        await gateway.refreshInBackground('azure-openai');
      }
      if (minute % 20 === 0) {
        const before = requests.length;
        await gateway.getAccessToken('azure-openai');
        if (requests.length > before) waited++;
      }
    }
    expect(waited).toBe(0);
    expect(requests).toHaveLength(1 + 6); // the first, then one refresh by alarm every 55 minutes
  });

  it('remembers the last use across a worker restart, and does not re-arm an idle provider’s alarm', async () => {
    await makeGateway((n) => tokenResponse(n)).gateway.getAccessToken('azure-openai');
    advance(HOUR - REFRESH_MARGIN_MS);
    monotonic = 0;
    const restarted = makeGateway((n) => tokenResponse(n + 1), new TokenStore());
    await restarted.gateway.refreshInBackground('azure-openai');
    expect(restarted.requests).toHaveLength(1); // in use: the use before the restart counts

    advance(2 * HOUR);
    await fakeBrowser.alarms.clearAll();
    await makeGateway((n) => tokenResponse(n), new TokenStore()).gateway.rearm(['azure-openai']);
    expect(await alarmTime()).toBeUndefined();
  });
});
