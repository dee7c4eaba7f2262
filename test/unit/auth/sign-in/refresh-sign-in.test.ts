import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { AuthError } from '@/lib/auth/errors';
import { refreshSignIn, type RefreshDeps } from '@/lib/auth/sign-in/refresh-sign-in';
import { SignInNeeded } from '@/lib/auth/sign-in/sign-in-needed';
import { SignInSessionStore, type SignInSession } from '@/lib/auth/sign-in/sign-in-session';
import type { SignInSource } from '@/lib/auth/sign-in/sign-in-source';
import { readSignInStatuses, setSignInStatus } from '@/lib/auth/sign-in/sign-in-status';
import type { TokenRequest, TokenResponse } from '@/lib/auth/token-endpoint';
import { ISSUER } from './metadata';

const SOURCE: SignInSource = { grant: 'refresh_token', issuer: ISSUER, clientId: 'omni-public', scope: 'api://chat/.default' };
const FP = 'fp-1';
const session = (over: Partial<SignInSession> = {}): SignInSession => ({
  refreshToken: 'rt-1',
  fingerprint: FP,
  issuer: ISSUER,
  clientId: 'omni-public',
  tokenEndpoint: `${ISSUER}/token`,
  account: { subject: 'u', name: 'Ada Lovelace', username: 'ada@contoso.com' },
  signedInAt: 1,
  ...over,
});
const KEY = 'omni-ai:sign-in:azure-openai';
const SEALED = /^omni-ai-sealed:1:[^:]+:[^:]+$/;

let sessions: SignInSessionStore;
let sent: TokenRequest[];
const deps = (answer: (r: TokenRequest) => Promise<TokenResponse>): RefreshDeps => ({
  sessions,
  request: (r) => {
    sent.push(r);
    return answer(r);
  },
  status: setSignInStatus,
  now: () => 1_000_000,
});

beforeEach(() => {
  fakeBrowser.reset();
  sessions = new SignInSessionStore();
  sent = [];
});

describe('refreshSignIn', () => {
  it('posts the refresh-token grant as a public client, with the API’s scope only', async () => {
    await sessions.put('azure-openai', session(), 'session');
    const tokens = await refreshSignIn('azure-openai', SOURCE, FP, 'session', deps(async () => ({ accessToken: 'at-2', expiresIn: 3600 })));
    expect(tokens.accessToken).toBe('at-2');
    expect(sent[0]!.endpoint).toBe(`${ISSUER}/token`);
    expect(Object.fromEntries(sent[0]!.body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: 'omni-public',
      scope: 'api://chat/.default',
    });
    expect(sent[0]!.secrets).toContain('rt-1');
    // No Scope: none is asked for, which RFC 6749 §6 reads as "as originally granted".
    await refreshSignIn('azure-openai', { ...SOURCE, scope: ' ' }, FP, 'session', deps(async () => ({ accessToken: 'at-3', expiresIn: 3600 })));
    expect(sent[1]!.body.has('scope')).toBe(false);
  });

  it('stores a rotated refresh token in place of the old one, in one write, before returning', async () => {
    await sessions.put('azure-openai', session(), 'session');
    const set = vi.spyOn(fakeBrowser.storage.session, 'set');
    await refreshSignIn('azure-openai', SOURCE, FP, 'session', deps(async () => ({ accessToken: 'at-2', expiresIn: 3600, refreshToken: 'rt-2', refreshExpiresIn: 86400 })));
    expect(set).toHaveBeenCalledTimes(1);
    expect(set).toHaveBeenCalledWith({ [KEY]: { ...session(), refreshToken: expect.stringMatching(SEALED), refreshExpiresAt: 1_000_000 + 86_400_000 } });
    expect((await sessions.get('azure-openai', 'session'))!.refreshToken).toBe('rt-2');
    // The next refresh sends the new one.
    await refreshSignIn('azure-openai', SOURCE, FP, 'session', deps(async () => ({ accessToken: 'at-3', expiresIn: 3600 })));
    expect(sent[1]!.body.get('refresh_token')).toBe('rt-2');
  });

  it('keeps the refresh token when the provider does not rotate it', async () => {
    await sessions.put('azure-openai', session(), 'session');
    await refreshSignIn('azure-openai', SOURCE, FP, 'session', deps(async () => ({ accessToken: 'at-2', expiresIn: 3600 })));
    expect((await sessions.get('azure-openai', 'session'))!.refreshToken).toBe('rt-1');
  });

  it('turns invalid_grant into "sign in again", forgets the refresh token and says so to the pages', async () => {
    await sessions.put('azure-openai', session(), 'session');
    const refused = new AuthError('oauth', 'The token endpoint refused: invalid_grant: grant request is invalid.', { status: 400, oauthError: 'invalid_grant' });
    const failure = refreshSignIn('azure-openai', SOURCE, FP, 'session', deps(async () => Promise.reject(refused)));
    await expect(failure).rejects.toBeInstanceOf(SignInNeeded);
    await expect(failure).rejects.toMatchObject({ again: true, message: expect.stringMatching(/^Your sign-in to Azure OpenAI has ended: .*invalid_grant.*Press Sign in again, then Retry\.$/) });
    expect(await sessions.get('azure-openai', 'session')).toBeUndefined();
    expect((await readSignInStatuses())['azure-openai']).toMatchObject({ name: 'Ada Lovelace', ended: expect.stringMatching(/has ended/) });
  });

  it('keeps the sign-in on any other failure (the server may be down): the gateway retries', async () => {
    await sessions.put('azure-openai', session(), 'session');
    const down = new AuthError('http', 'failed with HTTP 503', { retryable: true, status: 503 });
    await expect(refreshSignIn('azure-openai', SOURCE, FP, 'session', deps(async () => Promise.reject(down)))).rejects.toBe(down);
    expect((await sessions.get('azure-openai', 'session'))!.refreshToken).toBe('rt-1');
  });

  it('asks to sign in when there is no sign-in, or one for other settings, without sending anything', async () => {
    const none = refreshSignIn('azure-openai', SOURCE, FP, 'session', deps(async () => ({ accessToken: 'x', expiresIn: 1 })));
    await expect(none).rejects.toMatchObject({ again: false, message: 'You are not signed in to Azure OpenAI: press Sign in, then Retry.' });
    await sessions.put('azure-openai', session({ fingerprint: 'other-client' }), 'session');
    await expect(refreshSignIn('azure-openai', SOURCE, FP, 'session', deps(async () => ({ accessToken: 'x', expiresIn: 1 })))).rejects.toBeInstanceOf(SignInNeeded);
    expect(sent).toHaveLength(0);
  });

  it('does not bring a refresh token back after a sign-out during the refresh', async () => {
    await sessions.put('azure-openai', session(), 'session');
    const refresh = refreshSignIn(
      'azure-openai',
      SOURCE,
      FP,
      'session',
      deps(async () => {
        await sessions.remove('azure-openai');
        return { accessToken: 'at-2', expiresIn: 3600, refreshToken: 'rt-2' };
      }),
    );
    await expect(refresh).rejects.toBeInstanceOf(SignInNeeded);
    expect(await sessions.get('azure-openai', 'session')).toBeUndefined();
  });
});

describe('SignInSessionStore', () => {
  it('keeps the refresh token in memory-only storage unless "Stay signed in" is on', async () => {
    await sessions.put('azure-openai', session(), 'session');
    expect(await fakeBrowser.storage.local.get(KEY)).toEqual({});
    await sessions.put('bedrock', session(), 'local');
    expect((await fakeBrowser.storage.local.get('omni-ai:sign-in:bedrock'))['omni-ai:sign-in:bedrock']).toMatchObject({ refreshToken: expect.stringMatching(SEALED) });
    expect((await sessions.get('bedrock', 'local'))!.refreshToken).toBe('rt-1');
    expect(await fakeBrowser.storage.session.get('omni-ai:sign-in:bedrock')).toEqual({});
  });

  it('moves the session when "Stay signed in" changes, at the next refresh', async () => {
    await sessions.put('azure-openai', session(), 'session');
    await refreshSignIn('azure-openai', SOURCE, FP, 'local', deps(async () => ({ accessToken: 'at-2', expiresIn: 3600, refreshToken: 'rt-2' })));
    expect((await sessions.get('azure-openai', 'local'))!.refreshToken).toBe('rt-2');
    expect(Object.keys(await fakeBrowser.storage.local.get(KEY))).toEqual([KEY]);
    expect(await fakeBrowser.storage.session.get(KEY)).toEqual({});
  });

  it('moves a new sign-in to where the setting now says, leaving no copy behind', async () => {
    await sessions.put('azure-openai', session(), 'local');
    await sessions.put('azure-openai', session({ refreshToken: 'rt-9' }), 'session');
    expect(await fakeBrowser.storage.local.get(KEY)).toEqual({});
    expect((await sessions.get('azure-openai', 'local'))!.refreshToken).toBe('rt-9');
  });

  it('stores the refresh token sealed in both areas, never in plain text', async () => {
    await sessions.put('azure-openai', session({ refreshToken: 'rt-plain-secret' }), 'local');
    await sessions.put('bedrock', session({ refreshToken: 'rt-plain-secret' }), 'session');
    const stored = JSON.stringify([await fakeBrowser.storage.local.get(null), await fakeBrowser.storage.session.get(null)]);
    expect(stored).not.toContain('rt-plain-secret');
    expect((await sessions.get('azure-openai', 'local'))!.refreshToken).toBe('rt-plain-secret');
    expect((await sessions.get('bedrock', 'session'))!.refreshToken).toBe('rt-plain-secret');
  });

  it('asks to sign in again, sending nothing, when the record was pointed at another token endpoint', async () => {
    await sessions.put('azure-openai', session(), 'local');
    // What a content script could do on Firefox, where it can write storage.local.
    const stored = (await fakeBrowser.storage.local.get(KEY))[KEY] as SignInSession;
    await fakeBrowser.storage.local.set({ [KEY]: { ...stored, tokenEndpoint: 'https://evil.example/token' } });
    const failure = refreshSignIn('azure-openai', SOURCE, FP, 'local', deps(async () => ({ accessToken: 'x', expiresIn: 1 })));
    await expect(failure).rejects.toMatchObject({
      again: true,
      message: expect.stringMatching(/^Your sign-in to Azure OpenAI cannot be renewed: omni-ai could not decrypt its saved refresh token \(.+\)\. Press Sign in again, then Retry\.$/),
    });
    expect(sent).toHaveLength(0);
  });

  it('does not take a plain-text refresh token written by someone else', async () => {
    await fakeBrowser.storage.local.set({ [KEY]: session({ refreshToken: 'planted', tokenEndpoint: 'https://evil.example/token' }) });
    await expect(refreshSignIn('azure-openai', SOURCE, FP, 'local', deps(async () => ({ accessToken: 'x', expiresIn: 1 })))).rejects.toBeInstanceOf(SignInNeeded);
    expect(sent).toHaveLength(0);
  });

  it('forgets a session in both areas', async () => {
    await fakeBrowser.storage.local.set({ [KEY]: session() });
    await fakeBrowser.storage.session.set({ [KEY]: session() });
    await sessions.remove('azure-openai');
    expect(await sessions.get('azure-openai', 'local')).toBeUndefined();
  });
});
