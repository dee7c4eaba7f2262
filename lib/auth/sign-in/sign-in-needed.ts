import { PROVIDERS, type ProviderId } from '../../providers/catalog';
import { AuthError } from '../errors';

/**
 * Only the user can fix this: there is no sign-in yet, or the provider ended it (`invalid_grant`:
 * the refresh token was revoked or expired, the password changed). The side panel shows it as an
 * alert with a "Sign in again" button rather than Retry alone.
 */
export class SignInNeeded extends AuthError {
  constructor(
    message: string,
    /** True when there was a sign-in that ended; false when the user never signed in here. */
    readonly again: boolean,
  ) {
    super('config', message);
  }

  static notSignedIn(provider: ProviderId): SignInNeeded {
    return new SignInNeeded(`You are not signed in to ${PROVIDERS[provider].label}: press Sign in, then Retry.`, false);
  }

  /** The provider gave no refresh token at sign-in: the access token cannot be renewed. */
  static noRefreshToken(provider: ProviderId): SignInNeeded {
    return new SignInNeeded(
      `Your sign-in to ${PROVIDERS[provider].label} has ended: the sign-in server gave omni-ai no refresh token to renew it with (ask your administrator to allow offline_access). Press Sign in again, then Retry.`,
      true,
    );
  }

  /** The stored refresh token did not open (secret-box.ts): only a new sign-in gives another. */
  static unreadable(provider: ProviderId, why: string): SignInNeeded {
    return new SignInNeeded(
      `Your sign-in to ${PROVIDERS[provider].label} cannot be renewed: omni-ai could not decrypt its saved refresh token (${why}). Press Sign in again, then Retry.`,
      true,
    );
  }

  /** RFC 6749 §5.2 invalid_grant on a refresh: the provider will not take this refresh token again. */
  static ended(provider: ProviderId): SignInNeeded {
    return new SignInNeeded(
      `Your sign-in to ${PROVIDERS[provider].label} has ended: the sign-in server refused to renew it (invalid_grant), as it does when a sign-in is revoked or expires, or the password changed. Press Sign in again, then Retry.`,
      true,
    );
  }
}
