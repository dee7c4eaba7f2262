/**
 * What went wrong getting a token, in words that tell the user what to check. `retryable` follows
 * RFC 6749 §5.2 and HTTP: a 4xx or an OAuth2 error will fail the same way again; a 5xx, a timeout
 * or a network failure may not. Plain data fields so it survives structured clone across a port.
 */
export type AuthErrorKind = 'oauth' | 'http' | 'timeout' | 'network' | 'invalid-response' | 'config' | 'origin';

export class AuthError extends Error {
  override readonly name = 'AuthError';
  constructor(
    readonly kind: AuthErrorKind,
    message: string,
    readonly retryable = false,
    readonly status?: number,
    readonly oauthError?: string,
  ) {
    super(message);
  }
}

/** Replaces every secret in a text, so a server that echoes one back cannot leak it into the UI. */
export function redact(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('[redacted]'), text);
}
