import { t } from '../../i18n/t';
import { AuthError } from '../errors';
import type { IssuerMetadata } from './discovery';
import type { PendingSignIn } from './authorization-request';


/**
 * Checks the URL the sign-in window ended on and returns the authorization code. Refused: an
 * answer for another redirect URI, an error from the provider, a `state` that is not the one this
 * sign-in sent (RFC 6749 §10.12: a forged or replayed answer), an `iss` that names another issuer
 * (RFC 9207 §2.4: a mix-up attack), and an answer without a code.
 */
export function readAuthorizationResponse(responseUrl: string, pending: PendingSignIn, metadata: IssuerMetadata): string {
  let url: URL;
  try {
    url = new URL(responseUrl);
  } catch {
    throw new AuthError('invalid-response', t('sign_in_not_a_url', t('sign_in_try_again')));
  }
  const expected = new URL(pending.redirectUri);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname)
    throw new AuthError('invalid-response', t('sign_in_wrong_redirect', `${url.origin}${url.pathname}`, pending.redirectUri, t('sign_in_try_again')));
  const params = url.searchParams;
  // The state is checked before anything else in the answer is believed, errors included.
  if (params.get('state') !== pending.state)
    throw new AuthError('invalid-response', t('sign_in_bad_state', t('sign_in_try_again')));
  const iss = params.get('iss');
  if (iss !== null && iss !== metadata.issuer)
    throw new AuthError('invalid-response', t('sign_in_wrong_issuer', iss, metadata.issuer, t('sign_in_try_again')));
  if (iss === null && metadata.issInResponse)
    throw new AuthError('invalid-response', t('sign_in_no_issuer', metadata.issuer, t('sign_in_try_again')));
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    const said = `${error}${description ? `: ${description.trim().replace(/\.$/, '')}` : ''}`;
    const what =
      error === 'access_denied'
        ? t('sign_in_cancelled_by_server')
        : error === 'login_required' || error === 'interaction_required' || error === 'consent_required'
          ? t('sign_in_needs_consent')
          : t('sign_in_refused');
    // The OAuth2 error code and the server's description stay as the server sent them.
    const toDo = error === 'access_denied' ? t('sign_in_try_again') : t('sign_in_check_client');
    throw new AuthError('oauth', t('sign_in_error', what, said, toDo), { oauthError: error });
  }
  const code = params.get('code');
  if (!code) throw new AuthError('invalid-response', t('sign_in_no_code', t('sign_in_try_again')));
  return code;
}
