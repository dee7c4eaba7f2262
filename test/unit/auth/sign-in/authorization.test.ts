import '../../providers/sdks-registered';
import { describe, expect, it } from 'vitest';
import { authorizationRequest, signInScope, type PendingSignIn } from '@/lib/auth/sign-in/authorization-request';
import { readAuthorizationResponse } from '@/lib/auth/sign-in/authorization-response';
import { codeChallengeS256 } from '@/lib/auth/sign-in/pkce';
import { ISSUER, REDIRECT, metadata } from './metadata';

const CLIENT = { issuer: ISSUER, clientId: 'omni-public', scope: 'https://cognitiveservices.azure.com/.default' };

describe('authorizationRequest', () => {
  it('asks for a code with PKCE S256, a state, a nonce and the OpenID scopes', async () => {
    const pending = await authorizationRequest(metadata(), CLIENT, REDIRECT);
    const url = new URL(pending.url);
    expect(url.origin + url.pathname).toBe(`${ISSUER}/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'omni-public',
      redirect_uri: REDIRECT,
      scope: 'openid profile offline_access https://cognitiveservices.azure.com/.default',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await codeChallengeS256(pending.verifier),
      code_challenge_method: 'S256',
    });
    // Nothing secret in the URL the browser window sees: the verifier only as its hash.
    expect(pending.url).not.toContain(pending.verifier);
  });

  it('makes a new state, nonce and verifier for every sign-in', async () => {
    const [a, b] = await Promise.all([authorizationRequest(metadata(), CLIENT, REDIRECT), authorizationRequest(metadata(), CLIENT, REDIRECT)]);
    expect(a!.state).not.toBe(b!.state);
    expect(a!.nonce).not.toBe(b!.nonce);
    expect(a!.verifier).not.toBe(b!.verifier);
  });

  it('keeps the authorize endpoint’s own query and adds no scope twice', async () => {
    const pending = await authorizationRequest(metadata({ authorizationEndpoint: `${ISSUER}/authorize?p=B2C_1_signin` }), { ...CLIENT, scope: 'openid  api://x/chat' }, REDIRECT);
    expect(new URL(pending.url).searchParams.get('p')).toBe('B2C_1_signin');
    expect(signInScope('openid  api://x/chat offline_access')).toBe('openid profile offline_access api://x/chat');
  });
});

describe('readAuthorizationResponse', () => {
  const pending: PendingSignIn = { url: '', redirectUri: REDIRECT, state: 'state-123', nonce: 'n', verifier: 'v' };
  const answer = (params: Record<string, string>, base = REDIRECT) => `${base}?${new URLSearchParams(params)}`;

  it('returns the code when the state is the one sent', () => {
    expect(readAuthorizationResponse(answer({ code: 'c-1', state: 'state-123' }), pending, metadata())).toBe('c-1');
  });

  it.each([
    ['a different state', { code: 'c-1', state: 'state-999' }],
    ['no state', { code: 'c-1' }],
    ['an error with a forged state', { error: 'access_denied', state: 'other' }],
  ])('refuses an answer with %s, before believing anything in it', (_what, params) => {
    expect(() => readAuthorizationResponse(answer(params), pending, metadata())).toThrow(
      /refused the answer from the sign-in page: its state does not match the sign-in omni-ai started.*Press Sign in to try again/,
    );
  });

  it('refuses an answer that names another issuer (RFC 9207 mix-up)', () => {
    expect(() => readAuthorizationResponse(answer({ code: 'c', state: 'state-123', iss: 'https://evil.example.com' }), pending, metadata())).toThrow(
      `it comes from the issuer https://evil.example.com, not ${ISSUER}`,
    );
  });

  it('requires iss when the provider says it always sends it', () => {
    expect(() => readAuthorizationResponse(answer({ code: 'c', state: 'state-123' }), pending, metadata({ issInResponse: true }))).toThrow(
      /does not name its issuer/,
    );
    expect(readAuthorizationResponse(answer({ code: 'c', state: 'state-123', iss: ISSUER }), pending, metadata({ issInResponse: true }))).toBe('c');
  });

  it('says what the provider refused, in its words', () => {
    expect(() =>
      readAuthorizationResponse(answer({ error: 'access_denied', error_description: 'The user declined.', state: 'state-123' }), pending, metadata()),
    ).toThrow('Sign-in was cancelled or refused (access_denied: The user declined). Nothing was signed in. Press Sign in to try again.');
    expect(() => readAuthorizationResponse(answer({ error: 'invalid_scope', state: 'state-123' }), pending, metadata())).toThrow(
      /refused the sign-in \(invalid_scope\)\. Check the Client ID, the Scope and the redirect URI/,
    );
  });

  it('refuses an answer for another redirect URI, or without a code', () => {
    expect(() => readAuthorizationResponse(answer({ code: 'c', state: 'state-123' }, 'https://evil.example.com/'), pending, metadata())).toThrow(
      /not to omni-ai's redirect URI/,
    );
    expect(() => readAuthorizationResponse(answer({ state: 'state-123' }), pending, metadata())).toThrow(/no authorization code/);
  });
});
