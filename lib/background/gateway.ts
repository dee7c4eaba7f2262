import { OAuth2Gateway, type Cooldown } from '../auth/oauth2-gateway';
import { alarmScheduler } from '../auth/refresh-alarms';
import { SessionStore } from '../auth/session-store';
import type { SignInSessionStore } from '../auth/sign-in/sign-in-session';
import { updateTokenStatus } from '../auth/token-status';
import { TokenStore } from '../auth/token-store';
import { allowedGatewayTarget } from './allowed-gateway-target';
import { signInRefresher } from './sign-in';

/**
 * The worker's one gateway, reading each provider's credentials fresh from the effective settings
 * (the user's, with the admin policy on top; none for a provider the policy hides). What
 * it remembers (tokens, when each provider was last used, a token endpoint's Retry-After) is in
 * storage.session, so a worker that Chrome stops and restarts carries on where it was. A user's
 * sign-in keeps its refresh token in `sessions` (storage.session, or storage.local when kept).
 */
export function createGateway(sessions: SignInSessionStore): OAuth2Gateway {
  return new OAuth2Gateway({
    target: allowedGatewayTarget,
    tokens: new TokenStore(),
    usage: new SessionStore<number>('omni-ai:token-use:'),
    cooldowns: new SessionStore<Cooldown>('omni-ai:token-cooldown:'),
    scheduler: alarmScheduler,
    status: updateTokenStatus,
    // A user's sign-in: its refresh token is renewed inside the gateway's single flight.
    signIn: signInRefresher(sessions),
  });
}
