import { browser } from 'wxt/browser';
import type { GatewayDeps, OAuth2Gateway } from '../auth/oauth2-gateway';
import type { DiscoveryCache } from '../auth/sign-in/discovery';
import { refreshSignIn } from '../auth/sign-in/refresh-sign-in';
import { SignInService } from '../auth/sign-in/sign-in-service';
import type { SignInSessionStore } from '../auth/sign-in/sign-in-session';
import { setSignInStatus } from '../auth/sign-in/sign-in-status';
import { signInTarget } from '../auth/sign-in/sign-in-target';
import { requestToken } from '../auth/token-endpoint';
import { fingerprint } from '../auth/token-source';
import type { ProviderId } from '../providers/catalog';
import { loadSdk } from '../providers/sdk/load-sdk';
import { loadSettings } from '../settings/load-settings';
import { providerRefusal } from '../settings/policy/refusals';

/** A provider's sign-in settings from the effective settings; none for a provider policy hides. */
async function allowedSignInTarget(provider: ProviderId) {
  const settings = await loadSettings();
  return providerRefusal(settings, provider) ? undefined : signInTarget(provider, settings);
}

/** The gateway's refresh for sign-in sources: the refresh token from `sessions`, kept where the settings say. */
export function signInRefresher(sessions: SignInSessionStore): NonNullable<GatewayDeps['signIn']> {
  return async (provider, source, fp, request) => {
    const area = (await allowedSignInTarget(provider))?.area ?? 'session';
    return refreshSignIn(provider, source, fp, area, { sessions, request, status: setSignInStatus });
  };
}

/**
 * The worker's sign-in: the browser's sign-in window, the token endpoint, and the gateway for the
 * tokens. The interactive sign-in's own code (discovery, PKCE, the authorization response, the ID
 * token check) is a script of its own, sign-in-flow.js, imported on the first sign-in: a Send never
 * needs it, and every start of the worker paid for its bytes (issue 13 §4). Sign-out, the restore of
 * the pages' statuses and the refresh of a signed-in provider's token stay here: none needs it, and
 * signing out must work even if that script cannot be loaded. If it cannot, the sign-in's message
 * says so (loadSdk's sdk_load_failed_sign_in: reload omni-ai, then sign in again).
 */
export function createSignInService(gateway: OAuth2Gateway, sessions: SignInSessionStore): SignInService {
  let discovery: DiscoveryCache | undefined; // one per worker, as before: its metadata is cached an hour
  const flow = () => loadSdk('sign-in', 'sign-in');
  return new SignInService({
    target: allowedSignInTarget,
    sessions,
    discovery: { get: (issuer) => (discovery ??= new (flow().DiscoveryCache)()).get(issuer) },
    flow: {
      launch: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
      redirectUri: browser.identity.getRedirectURL(),
      // One try: an authorization code is good once, and a second POST of it is a replay.
      exchange: (request) => requestToken(request, { attempts: 1 }),
      keys: (jwksUri) => flow().remoteKeys(jwksUri),
    },
    runSignIn: (client, deps) => flow().runSignIn(client, deps),
    tokens: gateway,
    status: setSignInStatus,
    fingerprint,
  });
}
