import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { OAuth2Gateway, type Cooldown, type GatewayTarget } from '@/lib/auth/oauth2-gateway';
import { alarmScheduler } from '@/lib/auth/refresh-alarms';
import { SessionStore } from '@/lib/auth/session-store';
import { refreshSignIn } from '@/lib/auth/sign-in/refresh-sign-in';
import { SignInNeeded } from '@/lib/auth/sign-in/sign-in-needed';
import { SignInSessionStore } from '@/lib/auth/sign-in/sign-in-session';
import type { SignInSource } from '@/lib/auth/sign-in/sign-in-source';
import { readSignInStatuses, setSignInStatus } from '@/lib/auth/sign-in/sign-in-status';
import { requestToken } from '@/lib/auth/token-endpoint';
import { fingerprint } from '@/lib/auth/token-source';
import { readTokenStatuses, updateTokenStatus } from '@/lib/auth/token-status';
import { TokenStore } from '@/lib/auth/token-store';
import { fakeTokenEndpoint, json, type RecordedRequest } from '../fake-token-endpoint';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const ISSUER = 'https://login.example.com/tenant-1/v2.0';
const TOKEN_ENDPOINT = 'https://login.example.com/tenant-1/oauth2/v2.0/token';
const SOURCE: SignInSource = { grant: 'refresh_token', issuer: ISSUER, clientId: 'omni-public', scope: 'https://cognitiveservices.azure.com/.default' };
const API = 'https://contoso.openai.azure.com';

let now = T0;
let sessions: SignInSessionStore;
let fp: string;

/** The gateway as the worker builds it, with the sign-in refresher; the token endpoint is a fake. */
function makeGateway(answer: (n: number, req: RecordedRequest) => Response | Promise<Response>) {
  const endpoint = fakeTokenEndpoint(answer);
  const target: GatewayTarget = { source: SOURCE, apiOrigin: API };
  const gateway = new OAuth2Gateway({
    target: async () => target,
    tokens: new TokenStore(),
    usage: new SessionStore<number>('omni-ai:token-use:'),
    cooldowns: new SessionStore<Cooldown>('omni-ai:token-cooldown:'),
    scheduler: alarmScheduler,
    status: updateTokenStatus,
    now: () => now,
    monotonic: () => now - T0,
    random: () => 0.5,
    tokenEndpoint: { fetch: endpoint.fetch, sleep: async () => undefined, random: () => 0.5 },
    signIn: (provider, source, f, request) => refreshSignIn(provider, source, f, 'session', { sessions, request, status: setSignInStatus, now: () => now }),
  });
  return { gateway, requests: endpoint.requests };
}

/** What a signed-in user has: the session with its refresh token, and the access token the gateway adopted. */
async function signedIn(gateway: OAuth2Gateway, refreshToken = 'rt-1') {
  await sessions.put(
    'azure-openai',
    { refreshToken, fingerprint: fp, issuer: ISSUER, clientId: 'omni-public', tokenEndpoint: TOKEN_ENDPOINT, account: { subject: 's', name: 'Ada' }, signedInAt: T0 },
    'session',
  );
  await setSignInStatus('azure-openai', { name: 'Ada', signedInAt: T0, kept: false });
  await gateway.adopt('azure-openai', { accessToken: 'at-0', obtainedAt: T0, expiresAt: T0 + 3600_000, fingerprint: fp });
}

const rotated = (n: number) => json({ access_token: `at-${n}`, token_type: 'Bearer', expires_in: 3600, refresh_token: `rt-${n + 1}` });

beforeEach(async () => {
  fakeBrowser.reset();
  now = T0;
  sessions = new SignInSessionStore();
  fp = await fingerprint(SOURCE);
});

describe('the gateway with a signed-in user', () => {
  it('uses the sign-in’s access token and arms its refresh, without asking the token endpoint', async () => {
    const { gateway, requests } = makeGateway((n) => rotated(n));
    await signedIn(gateway);
    expect(await gateway.getAccessToken('azure-openai')).toBe('at-0');
    expect(requests).toHaveLength(0);
    expect((await fakeBrowser.alarms.get('omni-ai:token-refresh:azure-openai'))?.scheduledTime).toBe(T0 + 3600_000 - 5 * 60_000);
    expect((await readTokenStatuses())['azure-openai']).toMatchObject({ expiresAt: T0 + 3600_000 });
  });

  it('refreshes by alarm with the refresh token, and sends the rotated one next time', async () => {
    const { gateway, requests } = makeGateway((n) => rotated(n));
    await signedIn(gateway);
    await gateway.getAccessToken('azure-openai'); // in use
    now = T0 + 56 * 60_000;
    await gateway.refreshInBackground('azure-openai');
    expect(Object.fromEntries(requests[0]!.body)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt-1', client_id: 'omni-public' });
    expect(requests[0]!.url).toBe(TOKEN_ENDPOINT);
    expect((await sessions.get('azure-openai', 'session'))!.refreshToken).toBe('rt-2');
    expect(await gateway.getAccessToken('azure-openai')).toBe('at-1');
    now += 56 * 60_000;
    await gateway.refreshInBackground('azure-openai');
    expect(requests[1]!.body.get('refresh_token')).toBe('rt-2');
  });

  it('counts signing in as a use: the first background refresh is made without a chat in between', async () => {
    const { gateway, requests } = makeGateway((n) => rotated(n));
    await signedIn(gateway);
    now = T0 + 56 * 60_000;
    await gateway.refreshInBackground('azure-openai');
    expect(requests).toHaveLength(1);
  });

  it('sends a refresh token once for any number of callers at once (rotation with reuse detection)', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const { gateway, requests } = makeGateway(async (n) => {
      await held;
      return rotated(n);
    });
    await signedIn(gateway);
    now = T0 + 3600_000; // expired: every caller needs a new one
    const callers = Promise.all(Array.from({ length: 30 }, () => gateway.getAccessToken('azure-openai')));
    await new Promise((r) => setTimeout(r, 10));
    release();
    expect(new Set(await callers)).toEqual(new Set(['at-1']));
    expect(requests).toHaveLength(1);
  });

  it('a request answered 401 whose refresh is refused with invalid_grant asks to sign in again', async () => {
    const { gateway } = makeGateway(() => json({ error: 'invalid_grant', error_description: 'AADSTS50173: The grant was revoked.' }, 400));
    await signedIn(gateway);
    const api = async () => new Response('{"error":{"code":"401"}}', { status: 401 });
    const authFetch = gateway.createAuthenticatedFetch('azure-openai', api);
    const failure = authFetch(`${API}/openai/deployments/d/chat/completions`);
    await expect(failure).rejects.toBeInstanceOf(SignInNeeded);
    await expect(failure).rejects.toMatchObject({ again: true });
    expect(await sessions.get('azure-openai', 'session')).toBeUndefined();
    expect((await readSignInStatuses())['azure-openai']).toMatchObject({ name: 'Ada', ended: expect.stringMatching(/has ended/) });
  });

  it('keeps using the access token in hand when the sign-in ends in the background, and sets no retry', async () => {
    const { gateway, requests } = makeGateway(() => json({ error: 'invalid_grant' }, 400));
    await signedIn(gateway);
    await gateway.getAccessToken('azure-openai');
    now = T0 + 56 * 60_000;
    await fakeBrowser.alarms.clearAll();
    await gateway.refreshInBackground('azure-openai');
    expect(requests).toHaveLength(1);
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    // Still valid for 4 minutes: the chat goes on with it (the next refresh attempt asks for a sign-in).
    await expect(gateway.getAccessToken('azure-openai')).resolves.toBe('at-0');
  });

  it('forgets the access token, its alarm and its state on sign-out', async () => {
    const { gateway } = makeGateway((n) => rotated(n));
    await signedIn(gateway);
    await sessions.remove('azure-openai'); // as SignInService.signOut does, before forget
    await gateway.forget('azure-openai');
    expect(await fakeBrowser.storage.session.get('omni-ai:token:azure-openai')).toEqual({});
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
    expect((await readTokenStatuses())['azure-openai']).toBeUndefined();
    await expect(gateway.getAccessToken('azure-openai')).rejects.toMatchObject({ again: false });
  });
});

describe('requestToken for a sign-in', () => {
  it('returns the refresh token, its lifetime and the ID token with the access token', async () => {
    const { fetch } = fakeTokenEndpoint(() =>
      json({ access_token: 'at', token_type: 'Bearer', expires_in: 3599, refresh_token: 'rt', refresh_token_expires_in: 86399, id_token: 'a.b.c', scope: 'x' }),
    );
    const request = { endpoint: TOKEN_ENDPOINT, body: new URLSearchParams(), secrets: [], credentialsHint: 'x', endpointHint: 'y' };
    expect(await requestToken(request, { fetch })).toEqual({ accessToken: 'at', expiresIn: 3599, refreshToken: 'rt', refreshExpiresIn: 86399, idToken: 'a.b.c' });
  });

  it('takes Keycloak’s refresh_expires_in, and ignores malformed sign-in fields rather than trust them', async () => {
    const { fetch } = fakeTokenEndpoint(() =>
      json({ access_token: 'at', token_type: 'Bearer', expires_in: 300, refresh_token: 42, refresh_expires_in: '1800', id_token: '' }),
    );
    const request = { endpoint: TOKEN_ENDPOINT, body: new URLSearchParams(), secrets: [], credentialsHint: 'x', endpointHint: 'y' };
    expect(await requestToken(request, { fetch })).toEqual({ accessToken: 'at', expiresIn: 300, refreshExpiresIn: 1800 });
  });
});
