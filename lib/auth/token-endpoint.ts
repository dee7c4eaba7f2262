import { t } from '../i18n/t';
import { describeEndpoint } from '../providers/describe-endpoint';
import { isRedirect } from '../providers/is-redirect';
import { retryAfterSeconds } from '../providers/retry-after-seconds';
import { AuthError, redact } from './errors';
import { DEFAULT_RATE_LIMIT_WAIT_MS, MAX_RATE_LIMIT_WAIT_MS, rateLimitedError } from './rate-limited-error';

export interface TokenResponse {
  accessToken: string;
  /** Seconds the token is valid for, as the server said (or as the JWT's exp implies). */
  expiresIn: number;
  /** Seconds after which the server asks for a fresh token (Entra ID's refresh_in), when sooner than expiry. */
  refreshIn?: number;
  /** A user sign-in's refresh token (RFC 6749 §5.1): a new one when the server rotates them. */
  refreshToken?: string;
  /** Seconds the refresh token lives, when the server says (refresh_token_expires_in; Keycloak's refresh_expires_in). */
  refreshExpiresIn?: number;
  /** OpenID Connect's ID token (Core §3.1.3.3), verified by the sign-in flow. */
  idToken?: string;
}

export interface TokenRequest {
  endpoint: string;
  body: URLSearchParams;
  headers?: Record<string, string>;
  /** Never to appear in an error message. */
  secrets: string[];
  /** What the user should check when the server rejects the credentials, e.g. "the Client ID and Client secret". */
  credentialsHint: string;
  /** Where the user corrects the token URL, e.g. "“Token endpoint”". */
  endpointHint: string;
}

export interface TokenEndpointOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** The wall clock, for an HTTP-date Retry-After. */
  now?: () => number;
}

const DEFAULTS = { timeoutMs: 10_000, attempts: 3, baseDelayMs: 500 };

/** What the user should check for each OAuth2 error code (RFC 6749 §5.2, RFC 7523 §3.1). */
function adviceFor(code: string, credentialsHint: string): string {
  switch (code) {
    case 'invalid_client':
      return t('token_advice_invalid_client', credentialsHint);
    case 'unauthorized_client':
      return t('token_advice_unauthorized_client');
    case 'invalid_scope':
      return t('token_advice_invalid_scope');
    case 'invalid_grant':
      return t('token_advice_invalid_grant', credentialsHint);
    case 'invalid_request':
      return t('token_advice_invalid_request');
    case 'temporarily_unavailable':
    case 'server_error':
      return t('token_advice_server_error');
    case 'unsupported_grant_type':
      return t('token_advice_unsupported_grant_type');
    default:
      return t('token_advice_check', credentialsHint);
  }
}

function base64UrlJson(segment: string): unknown {
  const b64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  return JSON.parse(atob(b64.padEnd(b64.length + ((4 - (b64.length % 4)) % 4), '=')));
}

/** When a server omits expires_in (RFC 6749 §5.1 allows it), a JWT access token still says when it expires. */
function lifetimeFromJwt(token: string, nowSeconds: number): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const exp = (base64UrlJson(parts[1]!) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp - nowSeconds : undefined;
  } catch {
    return undefined;
  }
}

/** A number of seconds as token endpoints send it: a number, or (Entra ID v1, some gateways) a string of digits. */
function seconds(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}

/**
 * RFC 6749 §7.1: a client must not use a token whose type it does not understand, and omni-ai sends
 * tokens only as `Authorization: Bearer` (RFC 6750). §5.1 makes token_type required and its value
 * case-insensitive ("bearer", "Bearer" and "BEARER" are the same type).
 */
function checkTokenType(where: string, tokenType: unknown): void {
  if (typeof tokenType === 'string' && tokenType.toLowerCase() === 'bearer') return;
  const sent =
    tokenType === undefined ? t('token_type_none') : t('token_type_sent', JSON.stringify(tokenType).slice(0, 40));
  throw new AuthError('invalid-response', t('token_type_not_bearer', where, sent));
}

/** Reads a 200 answer; anything that is not a usable token becomes an AuthError naming the endpoint. */
function parseTokenBody(where: string, text: string, contentType: string, now: number): TokenResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const what = /html/i.test(contentType) || /^\s*</.test(text) ? t('token_body_html') : t('token_body_not_json');
    throw new AuthError('invalid-response', t('token_body_not_token', where, what));
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.access_token !== 'string' || b.access_token === '')
    throw new AuthError('invalid-response', t('token_no_access_token', where));
  checkTokenType(where, b.token_type);
  let expiresIn = seconds(b.expires_in);
  if (b.expires_in === undefined) expiresIn = lifetimeFromJwt(b.access_token, now / 1000);
  if (expiresIn === undefined || !Number.isFinite(expiresIn) || expiresIn <= 0)
    throw new AuthError(
      'invalid-response',
      b.expires_in === undefined
        ? t('token_no_expiry', where)
        : t('token_bad_expiry', where, JSON.stringify(b.expires_in).slice(0, 40)),
    );
  // Entra ID sends refresh_in (about half the lifetime) for long-lived tokens; MSAL refreshes then.
  // Honoured only when it moves the refresh earlier than expiry; anything else is ignored.
  const refreshIn = seconds(b.refresh_in);
  const response: TokenResponse = { accessToken: b.access_token, expiresIn };
  if (refreshIn !== undefined && refreshIn > 0 && refreshIn < expiresIn) response.refreshIn = refreshIn;
  // What a user sign-in also gets (authorization code and refresh-token grants); other grants never
  // see these fields, and a malformed one is ignored rather than trusted.
  if (typeof b.refresh_token === 'string' && b.refresh_token !== '') response.refreshToken = b.refresh_token;
  const refreshExpiresIn = seconds(b.refresh_token_expires_in) ?? seconds(b.refresh_expires_in);
  if (refreshExpiresIn !== undefined && refreshExpiresIn > 0) response.refreshExpiresIn = refreshExpiresIn;
  if (typeof b.id_token === 'string' && b.id_token !== '') response.idToken = b.id_token;
  return response;
}

function errorFromStatus(where: string, response: Response, text: string, hint: string, now: number): AuthError {
  const { status } = response;
  let oauth: { error?: unknown; error_description?: unknown } = {};
  try {
    oauth = JSON.parse(text) as typeof oauth;
  } catch {
    // not JSON: reported by status below
  }
  const description =
    typeof oauth.error_description === 'string' ? `: ${oauth.error_description.trim().replace(/\.$/, '')}` : '';
  if (status === 429) {
    // Not retried here, however soon: asking again before Retry-After is what makes a server block a client.
    const wait = retryAfterSeconds(response.headers.get('retry-after'), now);
    const waitMs = Math.min(wait === undefined ? DEFAULT_RATE_LIMIT_WAIT_MS : wait * 1000, MAX_RATE_LIMIT_WAIT_MS);
    const said = typeof oauth.error === 'string' ? `${oauth.error}${description}` : '';
    return rateLimitedError(where, now + waitMs, now, said);
  }
  if (typeof oauth.error === 'string') {
    return new AuthError(
      'oauth',
      // The OAuth2 error code and the server's description stay as the server sent them.
      t('token_refused', where, `${oauth.error}${description}`, adviceFor(oauth.error, hint)),
      // A server error may pass, whatever its body says.
      { retryable: status >= 500, status, oauthError: oauth.error },
    );
  }
  if (status >= 500)
    return new AuthError('http', t('token_http_server', where, String(status)), {
      retryable: true,
      status,
    });
  return new AuthError(
    'http',
    status === 401 || status === 403 ? t('token_http_denied', where, String(status), hint) : t('token_http_status', where, String(status)),
    { status },
  );
}

/** One POST to the token endpoint, with a timeout. */
async function attempt(request: TokenRequest, options: Required<TokenEndpointOptions>): Promise<TokenResponse> {
  const where = describeEndpoint(request.endpoint);
  let response: Response;
  try {
    response = await options.fetch(request.endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        ...request.headers,
      },
      body: request.body.toString(),
      signal: AbortSignal.timeout(options.timeoutMs),
      // Tokens are never cached by the browser's HTTP cache (RFC 6749 §5.1 asks servers for no-store too).
      cache: 'no-store',
      credentials: 'omit',
      // Never followed: a 307 or 308 would re-send the client secret or the signed assertion to
      // wherever it points. The worker sees an opaque redirect (status 0, no Location): see below.
      redirect: 'manual',
    });
  } catch (error) {
    const e = error as Error;
    if (e.name === 'TimeoutError')
      throw new AuthError(
        'timeout',
        t('token_timeout', where, options.timeoutMs / 1000),
        { retryable: true },
      );
    throw new AuthError(
      'network',
      t('token_unreachable', where, e.message),
      { retryable: true },
    );
  }
  if (isRedirect(response)) {
    await response.body?.cancel().catch(() => undefined);
    throw new AuthError(
      'redirect',
      t('token_redirect', where, request.endpointHint),
    );
  }
  const text = await response.text();
  if (!response.ok) throw errorFromStatus(where, response, text, request.credentialsHint, options.now());
  return parseTokenBody(where, text, response.headers.get('content-type') ?? '', options.now());
}

/**
 * Posts a token request, retrying what may succeed next time (5xx, timeouts, network errors) with
 * exponential backoff and full jitter; a 4xx or an OAuth2 error is final at once. Every message is
 * scrubbed of the request's secrets.
 */
export async function requestToken(request: TokenRequest, opts: TokenEndpointOptions = {}): Promise<TokenResponse> {
  const options: Required<TokenEndpointOptions> = {
    fetch: (...args) => fetch(...args),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    random: Math.random,
    now: Date.now,
    ...DEFAULTS,
    ...opts,
  };
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await attempt(request, options);
    } catch (error) {
      const authError =
        error instanceof AuthError
          ? error
          : new AuthError('network', (error as Error).message ?? String(error), { retryable: true });
      const safe = redact(authError.message, request.secrets);
      if (!authError.retryable || tryNumber >= options.attempts) {
        const tries = authError.retryable ? ` ${t('token_tries', tryNumber)}` : '';
        throw new AuthError(authError.kind, safe + tries, authError);
      }
      await options.sleep(options.baseDelayMs * 2 ** (tryNumber - 1) * (0.5 + options.random()));
    }
  }
}
