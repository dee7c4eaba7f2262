import { PROVIDERS, type ProviderId } from '../../providers/catalog';
import { AuthError } from '../errors';
import { t } from '../../i18n/t';

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
    return new SignInNeeded(t('sign_in_needed', PROVIDERS[provider].label), false);
  }

  /** The provider gave no refresh token at sign-in: the access token cannot be renewed. */
  static noRefreshToken(provider: ProviderId): SignInNeeded {
    return new SignInNeeded(
      t('sign_in_no_refresh', PROVIDERS[provider].label),
      true,
    );
  }

  /** The stored refresh token did not open (secret-box.ts): only a new sign-in gives another. */
  static unreadable(provider: ProviderId, why: string): SignInNeeded {
    return new SignInNeeded(
      t('sign_in_unreadable', PROVIDERS[provider].label, why),
      true,
    );
  }

  /** RFC 6749 §5.2 invalid_grant on a refresh: the provider will not take this refresh token again. */
  static ended(provider: ProviderId): SignInNeeded {
    return new SignInNeeded(
      t('sign_in_invalid_grant', PROVIDERS[provider].label),
      true,
    );
  }
}
