import { browser } from 'wxt/browser';
import type { GatewayDeps, OAuth2Gateway } from '../auth/oauth2-gateway';
import { DiscoveryCache } from '../auth/sign-in/discovery';
import { remoteKeys } from '../auth/sign-in/id-token';
import { refreshSignIn } from '../auth/sign-in/refresh-sign-in';
import { SignInService } from '../auth/sign-in/sign-in-service';
import type { SignInSessionStore } from '../auth/sign-in/sign-in-session';
import { setSignInStatus } from '../auth/sign-in/sign-in-status';
import { signInTarget } from '../auth/sign-in/sign-in-target';
import { requestToken } from '../auth/token-endpoint';
import { fingerprint } from '../auth/token-source';
import type { ProviderId } from '../providers/catalog';
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

/** The worker's sign-in: the browser's sign-in window, the token endpoint, and the gateway for the tokens. */
export function createSignInService(gateway: OAuth2Gateway, sessions: SignInSessionStore): SignInService {
  return new SignInService({
    target: allowedSignInTarget,
    sessions,
    discovery: new DiscoveryCache(),
    flow: {
      launch: (url) => browser.identity.launchWebAuthFlow({ url, interactive: true }),
      redirectUri: browser.identity.getRedirectURL(),
      // One try: an authorization code is good once, and a second POST of it is a replay.
      exchange: (request) => requestToken(request, { attempts: 1 }),
      keys: remoteKeys,
    },
    tokens: gateway,
    status: setSignInStatus,
    fingerprint,
  });
}
