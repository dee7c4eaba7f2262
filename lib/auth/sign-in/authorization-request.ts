import type { IssuerMetadata } from './discovery';
import { codeChallengeS256, createCodeVerifier } from './pkce';
import { randomUrlSafe } from './random-url-safe';

/** The public client asking to sign a user in: what the settings say, nothing secret. */
export interface SignInClient {
  issuer: string;
  clientId: string;
  /** The API's scope (e.g. https://cognitiveservices.azure.com/.default); OIDC's own are added. */
  scope: string;
}

/**
 * One sign-in under way. The verifier, state and nonce live only in the worker's memory for the
 * length of the sign-in: never stored, never sent to a page (RFC 7636 §7.1, RFC 6749 §10.12).
 */
export interface PendingSignIn {
  url: string;
  redirectUri: string;
  state: string;
  nonce: string;
  verifier: string;
}

/**
 * `openid` makes it an OpenID Connect request (an ID token saying who signed in), `profile` gives
 * the name to show, `offline_access` asks for a refresh token (Entra, Okta and oidc-provider issue
 * one only then).
 */
export function signInScope(apiScope: string): string {
  const scopes = ['openid', 'profile', 'offline_access', ...apiScope.split(/\s+/).filter(Boolean)];
  return [...new Set(scopes)].join(' ');
}

/** The authorization request (RFC 6749 §4.1.1) with PKCE S256 (RFC 7636 §4.3) and an OIDC nonce. */
export async function authorizationRequest(
  metadata: IssuerMetadata,
  client: SignInClient,
  redirectUri: string,
): Promise<PendingSignIn> {
  const verifier = createCodeVerifier();
  const state = randomUrlSafe();
  const nonce = randomUrlSafe();
  const url = new URL(metadata.authorizationEndpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('scope', signInScope(client.scope));
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('code_challenge', await codeChallengeS256(verifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), redirectUri, state, nonce, verifier };
}
