import '../../providers/sdks-registered';
import { beforeEach, describe, expect, it } from 'vitest';
import { runSignIn, type SignInFlowDeps } from '@/lib/auth/sign-in/run-sign-in';
import { fakeIdentityProvider, REDIRECT } from './fake-identity-provider';
import { ISSUER } from './metadata';

const CLIENT = { issuer: ISSUER, clientId: 'omni-public', scope: 'api://chat/.default' };
let idp: Awaited<ReturnType<typeof fakeIdentityProvider>>;
let deps: SignInFlowDeps;

beforeEach(async () => {
  idp = await fakeIdentityProvider();
  deps = { metadata: async () => idp.metadata, launch: (url) => idp.launch(url), redirectUri: REDIRECT, exchange: (r) => idp.exchange(r), keys: idp.keys };
});

describe('runSignIn', () => {
  it('exchanges the code with its PKCE verifier as a public client and says who signed in', async () => {
    const outcome = await runSignIn(CLIENT, deps);
    expect(outcome.account).toEqual({ subject: 'user-42', name: 'Ada Lovelace', username: undefined });
    expect(outcome.tokens).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
    const body = Object.fromEntries(idp.requests[0]!);
    expect(body).toEqual({
      grant_type: 'authorization_code',
      code: 'code-1',
      redirect_uri: REDIRECT,
      client_id: 'omni-public',
      code_verifier: expect.stringMatching(/^[\w-]{43}$/),
    });
    expect(body).not.toHaveProperty('client_secret');
  });

  it('refuses an answer carrying another sign-in’s state, and never sends its code', async () => {
    idp.tamper = (url) => {
      url.searchParams.set('state', 'attacker-state');
      return url;
    };
    await expect(runSignIn(CLIENT, deps)).rejects.toThrow(/its state does not match the sign-in omni-ai started/);
    expect(idp.requests).toHaveLength(0);
  });

  it('cannot be completed with a code injected from another sign-in (PKCE)', async () => {
    await runSignIn(CLIENT, deps);
    // An attacker's answer carries a code from a sign-in it started, with the victim's state.
    idp.tamper = (url) => {
      url.searchParams.set('code', 'code-1');
      return url;
    };
    await expect(runSignIn(CLIENT, deps)).rejects.toThrow(/invalid_grant/);
  });

  it('refuses an ID token that carries another nonce', async () => {
    idp.idTokenClaims = { nonce: 'replayed' };
    await expect(runSignIn(CLIENT, deps)).rejects.toThrow(/its nonce is not the one this sign-in sent/);
  });

  it('refuses a sign-in whose token response has no ID token: it cannot tell who signed in', async () => {
    const exchange = deps.exchange;
    deps.exchange = async (r) => ({ ...(await exchange(r)), idToken: undefined });
    await expect(runSignIn(CLIENT, deps)).rejects.toThrow(
      `The token endpoint ${ISSUER}/token answered without an ID token, so omni-ai cannot tell who signed in.`,
    );
  });

  it('says the window was closed when the user closes it', async () => {
    deps.launch = () => Promise.reject(new Error('The user did not approve access.'));
    await expect(runSignIn(CLIENT, deps)).rejects.toThrow(
      'Sign-in was cancelled: the sign-in window was closed before it finished. Press Sign in to try again.',
    );
  });

  it('names the sign-in page when it cannot load', async () => {
    deps.launch = () => Promise.reject(new Error('Authorization page could not be loaded.'));
    await expect(runSignIn(CLIENT, deps)).rejects.toThrow(
      `The sign-in page https://login.example.com could not be loaded (Authorization page could not be loaded.). Check the Issuer`,
    );
  });
});
