import { AuthError } from '../errors';
import type { IssuerMetadata } from './discovery';
import type { PendingSignIn } from './authorization-request';

const TRY_AGAIN = 'Nothing was signed in. Press Sign in to try again.';

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
    throw new AuthError('invalid-response', `The sign-in window returned something that is not a URL. ${TRY_AGAIN}`);
  }
  const expected = new URL(pending.redirectUri);
  if (url.origin !== expected.origin || url.pathname !== expected.pathname)
    throw new AuthError('invalid-response', `The sign-in window returned to ${url.origin}${url.pathname}, not to omni-ai's redirect URI ${pending.redirectUri}. ${TRY_AGAIN}`);
  const params = url.searchParams;
  // The state is checked before anything else in the answer is believed, errors included.
  if (params.get('state') !== pending.state)
    throw new AuthError(
      'invalid-response',
      `omni-ai refused the answer from the sign-in page: its state does not match the sign-in omni-ai started, so it may be forged or replayed. ${TRY_AGAIN}`,
    );
  const iss = params.get('iss');
  if (iss !== null && iss !== metadata.issuer)
    throw new AuthError('invalid-response', `omni-ai refused the answer from the sign-in page: it comes from the issuer ${iss}, not ${metadata.issuer}. ${TRY_AGAIN}`);
  if (iss === null && metadata.issInResponse)
    throw new AuthError(
      'invalid-response',
      `omni-ai refused the answer from the sign-in page: it does not name its issuer, which ${metadata.issuer} always does (RFC 9207). ${TRY_AGAIN}`,
    );
  const error = params.get('error');
  if (error) {
    const description = params.get('error_description');
    const said = `${error}${description ? `: ${description.trim().replace(/\.$/, '')}` : ''}`;
    const what =
      error === 'access_denied'
        ? 'Sign-in was cancelled or refused'
        : error === 'login_required' || error === 'interaction_required' || error === 'consent_required'
          ? 'The sign-in server needs you to sign in or consent'
          : 'The sign-in server refused the sign-in';
    throw new AuthError('oauth', `${what} (${said}). ${error === 'access_denied' ? TRY_AGAIN : 'Check the Client ID, the Scope and the redirect URI registered for omni-ai, then press Sign in.'}`, { oauthError: error });
  }
  const code = params.get('code');
  if (!code) throw new AuthError('invalid-response', `The sign-in page returned no authorization code. ${TRY_AGAIN}`);
  return code;
}
