/**
 * What went wrong getting a token, in words that tell the user what to check. `retryable` follows
 * RFC 6749 §5.2 and HTTP: a 4xx or an OAuth2 error will fail the same way again; a 5xx, a timeout
 * or a network failure may not. Plain data fields so it survives structured clone across a port.
 */
export type AuthErrorKind =
  | 'oauth'
  | 'http'
  | 'timeout'
  | 'network'
  | 'invalid-response'
  | 'config'
  | 'origin'
  | 'redirect'
  | 'rate-limit';

export interface AuthErrorDetails {
  /** Whether the same request may succeed if simply sent again (5xx, timeout, network). */
  retryable?: boolean;
  status?: number;
  /** The OAuth2 `error` code the server sent. */
  oauthError?: string;
  /** When a rate-limited token endpoint may be asked again (epoch ms, from Retry-After). */
  retryAt?: number;
}

export class AuthError extends Error {
  override readonly name = 'AuthError';
  readonly retryable: boolean;
  readonly status?: number;
  readonly oauthError?: string;
  readonly retryAt?: number;

  constructor(
    readonly kind: AuthErrorKind,
    message: string,
    details: AuthErrorDetails = {},
  ) {
    super(message);
    this.retryable = details.retryable ?? false;
    this.status = details.status;
    this.oauthError = details.oauthError;
    this.retryAt = details.retryAt;
  }
}

/** Replaces every secret in a text, so a server that echoes one back cannot leak it into the UI. */
export function redact(text: string, secrets: string[]): string {
  return secrets.filter((s) => s.length >= 4).reduce((t, s) => t.split(s).join('[redacted]'), text);
}
