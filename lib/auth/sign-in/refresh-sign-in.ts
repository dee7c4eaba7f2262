import type { ProviderId } from '../../providers/catalog';
import { AuthError } from '../errors';
import { refreshTokenRequest } from '../grants/refresh-token';
import type { TokenRequest, TokenResponse } from '../token-endpoint';
import { SignInNeeded } from './sign-in-needed';
import type { SessionArea, SignInSessionStore } from './sign-in-session';
import type { SignInSource } from './sign-in-source';
import type { SignInStatus } from './sign-in-status';

export interface RefreshDeps {
  sessions: SignInSessionStore;
  request: (request: TokenRequest) => Promise<TokenResponse>;
  status: (provider: ProviderId, status: SignInStatus | null) => Promise<void>;
  now?: () => number;
}

/**
 * A new access token from the user's refresh token (RFC 6749 §6). The gateway calls it in place of
 * a client-credentials request, inside its single flight, so one refresh token is never sent twice
 * at once (with rotation and reuse detection, a second use would end the whole sign-in).
 *
 * - A rotated refresh token replaces the old one in one write, before the access token is handed
 *   out: a worker stopped in between still holds the new one, never the spent one.
 * - `invalid_grant` (revoked, expired, password changed) forgets the session and throws
 *   SignInNeeded, which the side panel shows with "Sign in again".
 */
export async function refreshSignIn(
  provider: ProviderId,
  source: SignInSource,
  fingerprint: string,
  area: SessionArea,
  deps: RefreshDeps,
): Promise<TokenResponse> {
  const now = deps.now ?? Date.now;
  const session = await deps.sessions.get(provider, area);
  if (!session) throw SignInNeeded.notSignedIn(provider);
  if (session.fingerprint !== fingerprint) {
    // Signed in for another issuer, client or scope: that sign-in is no use for these settings.
    await deps.sessions.remove(provider);
    await deps.status(provider, null);
    throw SignInNeeded.notSignedIn(provider);
  }
  if (session.unreadable) throw SignInNeeded.unreadable(provider, session.unreadable);
  if (!session.refreshToken) throw SignInNeeded.noRefreshToken(provider);
  let tokens: TokenResponse;
  try {
    tokens = await deps.request(
      refreshTokenRequest({
        tokenEndpoint: session.tokenEndpoint,
        clientId: session.clientId,
        refreshToken: session.refreshToken,
        scope: source.scope,
      }),
    );
  } catch (error) {
    if (error instanceof AuthError && error.oauthError === 'invalid_grant') {
      const ended = SignInNeeded.ended(provider);
      await deps.sessions.remove(provider);
      await deps.status(provider, { name: session.account.name, username: session.account.username, ended: ended.message });
      throw ended;
    }
    throw error;
  }
  const next = tokens.refreshToken
    ? {
        ...session,
        refreshToken: tokens.refreshToken,
        refreshExpiresAt: tokens.refreshExpiresIn !== undefined ? now() + tokens.refreshExpiresIn * 1000 : session.refreshExpiresAt,
      }
    : session;
  // Written even without rotation when "Stay signed in" changed: the session moves to its area.
  if (!(await deps.sessions.replace(provider, session.refreshToken, next, area)))
    throw SignInNeeded.notSignedIn(provider); // signed out (or in again) while this refresh was under way
  return tokens;
}
