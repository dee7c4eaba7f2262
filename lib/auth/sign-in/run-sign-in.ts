import { t } from '../../i18n/t';
import type { JWTVerifyGetKey } from 'jose';
import { AuthError } from '../errors';
import { authorizationCodeRequest } from '../grants/authorization-code';
import type { TokenRequest, TokenResponse } from '../token-endpoint';
import { authorizationRequest, type SignInClient } from './authorization-request';
import { readAuthorizationResponse } from './authorization-response';
import type { IssuerMetadata } from './discovery';
import { verifyIdToken, type SignedInAccount } from './id-token';

export interface SignInFlowDeps {
  metadata: (issuer: string) => Promise<IssuerMetadata>;
  /** identity.launchWebAuthFlow({ url, interactive: true }): resolves with the URL it ended on. */
  launch: (url: string) => Promise<string>;
  /** identity.getRedirectURL(): what the provider must have registered for omni-ai. */
  redirectUri: string;
  /** One POST to the token endpoint (never retried: a code is good once). */
  exchange: (request: TokenRequest) => Promise<TokenResponse>;
  keys: (jwksUri: string) => JWTVerifyGetKey;
  now?: () => number;
}

export interface SignInOutcome {
  metadata: IssuerMetadata;
  tokens: TokenResponse;
  account: SignedInAccount;
  /** When the code was exchanged: the tokens' lifetimes count from here. */
  obtainedAt: number;
}

/** launchWebAuthFlow's rejections (Chrome's texts; Firefox's differ) as what the user should do. */
function launchError(error: Error, metadata: IssuerMetadata): AuthError {
  const text = error.message ?? String(error);
  if (/did not approve|canceled|cancelled|closed/i.test(text))
    return new AuthError('config', t('sign_in_window_closed'));
  if (/could not be loaded|load/i.test(text))
    return new AuthError(
      'network',
      t('sign_in_page_not_loaded', new URL(metadata.authorizationEndpoint).origin, text),
      { retryable: true },
    );
  return new AuthError('config', t('sign_in_window_failed', text));
}

/**
 * One interactive sign-in, from discovery to a verified ID token: authorization code with PKCE
 * S256, `state` and `nonce`, in the browser's own sign-in window; the code exchanged at the token
 * endpoint as a public client. The verifier, state and nonce exist only in this function's scope.
 */
export async function runSignIn(client: SignInClient, deps: SignInFlowDeps): Promise<SignInOutcome> {
  const now = deps.now ?? Date.now;
  const metadata = await deps.metadata(client.issuer);
  const pending = await authorizationRequest(metadata, client, deps.redirectUri);
  let responseUrl: string;
  try {
    responseUrl = await deps.launch(pending.url);
  } catch (error) {
    throw launchError(error as Error, metadata);
  }
  const code = readAuthorizationResponse(responseUrl, pending, metadata);
  const obtainedAt = now();
  const tokens = await deps.exchange(
    authorizationCodeRequest({
      tokenEndpoint: metadata.tokenEndpoint,
      clientId: client.clientId,
      code,
      redirectUri: pending.redirectUri,
      verifier: pending.verifier,
    }),
  );
  if (!tokens.idToken)
    throw new AuthError('invalid-response', t('sign_in_no_id_token', metadata.tokenEndpoint));
  const account = await verifyIdToken(tokens.idToken, {
    issuer: metadata.issuer,
    clientId: client.clientId,
    nonce: pending.nonce,
    algorithms: metadata.idTokenAlgorithms,
    keys: deps.keys(metadata.jwksUri),
    now,
  });
  return { metadata, tokens, account, obtainedAt };
}
