/**
 * A user's sign-in as a token source for the gateway: the refresh token (kept by the session
 * store, not here) is the credential. Only what identifies the sign-in is in it, so its
 * fingerprint changes when the issuer, client or scope does, never when the refresh token rotates.
 */
export interface SignInSource {
  grant: 'refresh_token';
  issuer: string;
  clientId: string;
  scope: string;
}
