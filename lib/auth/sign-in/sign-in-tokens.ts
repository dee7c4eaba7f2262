/** What a token endpoint answers a sign-in or a refresh with (RFC 6749 §5.1, OIDC Core §3.1.3.3). */
export interface SignInTokens {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  /** Absent when the provider issues none, or keeps the old one on refresh (no rotation). */
  refreshToken?: string;
  /** Seconds the refresh token lives, when the provider says (refresh_token_expires_in). */
  refreshExpiresIn?: number;
  idToken?: string;
}
