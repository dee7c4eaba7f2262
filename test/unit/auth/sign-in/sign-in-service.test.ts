import '../../providers/sdks-registered';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DiscoveryCache } from '@/lib/auth/sign-in/discovery';
import { runSignIn } from '@/lib/auth/sign-in/run-sign-in';
import { SignInService, type SignInTokenSink } from '@/lib/auth/sign-in/sign-in-service';
import { SignInSessionStore } from '@/lib/auth/sign-in/sign-in-session';
import { readSignInStatuses, setSignInStatus } from '@/lib/auth/sign-in/sign-in-status';
import type { SignInTarget } from '@/lib/auth/sign-in/sign-in-target';
import { fakeIdentityProvider, REDIRECT } from './fake-identity-provider';
import { ISSUER } from './metadata';

const NOW = Date.UTC(2026, 10, 24, 9, 0, 0);
const TARGET: SignInTarget = {
  client: { issuer: ISSUER, clientId: 'omni-public', scope: 'api://chat/.default' },
  source: { grant: 'refresh_token', issuer: ISSUER, clientId: 'omni-public', scope: 'api://chat/.default' },
  area: 'session',
};

let idp: Awaited<ReturnType<typeof fakeIdentityProvider>>;
let sessions: SignInSessionStore;
let sink: SignInTokenSink & { adopted: unknown[]; forgotten: string[] };
let target: SignInTarget | undefined;
const revoke = vi.fn(async (_r: { revocationEndpoint: string; clientId: string; refreshToken: string }) => undefined as string | undefined);

function service() {
  return new SignInService({
    target: async () => target,
    sessions,
    discovery: new DiscoveryCache(async () => idp.metadata),
    flow: { launch: (url) => idp.launch(url), redirectUri: REDIRECT, exchange: (r) => idp.exchange(r), keys: idp.keys },
    runSignIn,
    tokens: sink,
    status: setSignInStatus,
    fingerprint: async (source) => `fp:${source.issuer}:${source.clientId}`,
    revoke,
    now: () => NOW,
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  revoke.mockClear();
  idp = await fakeIdentityProvider();
  sessions = new SignInSessionStore();
  target = TARGET;
  const adopted: unknown[] = [];
  const forgotten: string[] = [];
  sink = { adopted, forgotten, adopt: async (_p, t) => void adopted.push(t), forget: async (p) => void forgotten.push(p) };
});

describe('SignInService', () => {
  it('signs in: the refresh token to its store, the access token to the gateway, the name to the pages', async () => {
    expect(await service().signIn('azure-openai')).toEqual({ ok: true, message: 'Signed in to Azure OpenAI as Ada Lovelace.' });
    expect(await sessions.get('azure-openai', 'session')).toMatchObject({
      refreshToken: 'refresh-1',
      fingerprint: `fp:${ISSUER}:omni-public`,
      tokenEndpoint: `${ISSUER}/token`,
      revocationEndpoint: `${ISSUER}/revoke`,
    });
    expect(sink.adopted).toEqual([{ accessToken: 'access-1', obtainedAt: NOW, expiresAt: NOW + 3600_000, fingerprint: `fp:${ISSUER}:omni-public` }]);
    const status = (await readSignInStatuses())['azure-openai'];
    expect(status).toEqual({ name: 'Ada Lovelace', username: undefined, signedInAt: NOW, until: undefined, kept: false });
    // Nothing a page can read holds a token.
    expect(JSON.stringify(await fakeBrowser.storage.session.get('omni-ai:sign-in-status'))).not.toMatch(/refresh-1|access-1/);
  });

  it('opens one sign-in window when Sign in is pressed twice', async () => {
    const launch = vi.spyOn(idp, 'launch');
    const s = service();
    await Promise.all([s.signIn('azure-openai'), s.signIn('azure-openai')]);
    expect(launch).toHaveBeenCalledTimes(1);
  });

  it('says what to fill in when the provider is not set up for sign-in', async () => {
    target = undefined;
    expect(await service().signIn('bedrock')).toEqual({
      ok: false,
      message: 'AWS Bedrock is not set up for sign-in: choose “Sign in (your organisation\'s account)” under Authentication, fill in the Issuer and Client ID, and Save.',
    });
  });

  it('reports a refused sign-in and keeps nothing of it', async () => {
    idp.tamper = (url) => {
      url.searchParams.set('state', 'forged');
      return url;
    };
    const result = await service().signIn('azure-openai');
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/state does not match/);
    expect(await sessions.get('azure-openai', 'session')).toBeUndefined();
    expect(sink.adopted).toEqual([]);
  });

  it('keeps the refresh token across browser restarts only when asked to', async () => {
    target = { ...TARGET, area: 'local' };
    await service().signIn('azure-openai');
    expect(Object.keys(await fakeBrowser.storage.local.get(null))).toContain('omni-ai:sign-in:azure-openai');
    expect((await readSignInStatuses())['azure-openai']).toMatchObject({ kept: true });
  });

  it('signs out: forgets every token, then revokes the refresh token at the provider', async () => {
    const s = service();
    await s.signIn('azure-openai');
    expect(await s.signOut('azure-openai')).toEqual({ ok: true, message: `Signed out of Azure OpenAI, and ${ISSUER} revoked the sign-in.` });
    expect(revoke).toHaveBeenCalledWith({ revocationEndpoint: `${ISSUER}/revoke`, clientId: 'omni-public', refreshToken: 'refresh-1' });
    expect(sink.forgotten).toEqual(['azure-openai']);
    expect(await sessions.get('azure-openai', 'session')).toBeUndefined();
    expect((await readSignInStatuses())['azure-openai']).toBeUndefined();
  });

  it('signs out even when revocation fails or is not offered, and says what that means', async () => {
    const s = service();
    await s.signIn('azure-openai');
    revoke.mockResolvedValueOnce('the revocation endpoint https://login.example.com/tenant-1/revoke answered HTTP 503');
    expect((await s.signOut('azure-openai')).message).toBe(
      'Signed out of Azure OpenAI: omni-ai forgot your tokens, but the revocation endpoint https://login.example.com/tenant-1/revoke answered HTTP 503, so the sign-in ends there only when it expires.',
    );
    expect(await sessions.get('azure-openai', 'session')).toBeUndefined();
    idp.metadata = { ...idp.metadata, revocationEndpoint: undefined };
    const noRevocation = service();
    await noRevocation.signIn('azure-openai');
    expect((await noRevocation.signOut('azure-openai')).message).toBe(
      `Signed out of Azure OpenAI: omni-ai forgot your tokens. ${ISSUER} offers no way to revoke them, so the sign-in ends there when it expires.`,
    );
  });

  it('shows a kept sign-in again after a browser restart, and drops the view of one that is gone', async () => {
    target = { ...TARGET, area: 'local' };
    await service().signIn('azure-openai');
    await fakeBrowser.storage.session.clear(); // the browser restarted
    await service().restoreStatuses(['azure-openai'], await readSignInStatuses());
    expect((await readSignInStatuses())['azure-openai']).toMatchObject({ name: 'Ada Lovelace', kept: true });
    await sessions.remove('azure-openai');
    await service().restoreStatuses(['azure-openai'], await readSignInStatuses());
    expect((await readSignInStatuses())['azure-openai']).toBeUndefined();
  });
});
