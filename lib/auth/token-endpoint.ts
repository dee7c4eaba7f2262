import { AuthError, redact } from './errors';

export interface TokenResponse {
  accessToken: string;
  /** Seconds the token is valid for, as the server said (or as the JWT's exp implies). */
  expiresIn: number;
}

export interface TokenRequest {
  endpoint: string;
  body: URLSearchParams;
  headers?: Record<string, string>;
  /** Never to appear in an error message. */
  secrets: string[];
  /** What the user should check when the server rejects the credentials, e.g. "the Client ID and Client secret". */
  credentialsHint: string;
}

export interface TokenEndpointOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
  attempts?: number;
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const DEFAULTS = { timeoutMs: 10_000, attempts: 3, baseDelayMs: 500 };

/** What the user should check for each OAuth2 error code (RFC 6749 §5.2, RFC 7523 §3.1). */
function adviceFor(code: string, credentialsHint: string): string {
  switch (code) {
    case 'invalid_client':
      return `check ${credentialsHint}, and the Client authentication method`;
    case 'unauthorized_client':
      return 'the client is not allowed this grant: check its registration on the identity provider';
    case 'invalid_scope':
      return 'check the Scope';
    case 'invalid_grant':
      return `check ${credentialsHint} (a deleted or disabled key, or a wrong clock, gives this)`;
    case 'invalid_request':
      return 'check the Scope, Audience and Resource';
    case 'temporarily_unavailable':
    case 'server_error':
      return 'the identity provider has a problem: try again later';
    case 'unsupported_grant_type':
      return 'this token endpoint does not offer this grant: check the Token endpoint URL';
    default:
      return `check ${credentialsHint}`;
  }
}

/** Where to (the origin and path: enough to recognise it, never a query that might hold a secret). */
function describe(endpoint: string): string {
  try {
    const url = new URL(endpoint);
    return `${url.origin}${url.pathname}`;
  } catch {
    return endpoint;
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

/** Reads a 200 answer; anything that is not a usable token becomes an AuthError naming the endpoint. */
function parseTokenBody(where: string, text: string, contentType: string): TokenResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    const what = /html/i.test(contentType) || /^\s*</.test(text) ? 'an HTML page' : 'something that is not JSON';
    throw new AuthError(
      'invalid-response',
      `The token endpoint ${where} answered with ${what}, not a token. Check the Token endpoint URL: it must be the OAuth2 token URL itself.`,
    );
  }
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (typeof b.access_token !== 'string' || b.access_token === '')
    throw new AuthError(
      'invalid-response',
      `The token endpoint ${where} answered without an access_token. Check the Token endpoint URL and the grant your identity provider expects.`,
    );
  let expiresIn: number | undefined;
  if (typeof b.expires_in === 'number') expiresIn = b.expires_in;
  // Entra ID's v1 endpoint (and some gateways) send expires_in as a string of digits.
  else if (typeof b.expires_in === 'string' && /^\d+$/.test(b.expires_in)) expiresIn = Number(b.expires_in);
  else if (b.expires_in === undefined) expiresIn = lifetimeFromJwt(b.access_token, Date.now() / 1000);
  if (expiresIn === undefined || !Number.isFinite(expiresIn) || expiresIn <= 0)
    throw new AuthError(
      'invalid-response',
      b.expires_in === undefined
        ? `The token endpoint ${where} did not say when the token expires (no expires_in), and the token is not a JWT with an exp. omni-ai cannot refresh it safely.`
        : `The token endpoint ${where} answered with an unusable expires_in (${JSON.stringify(b.expires_in).slice(0, 40)}): it must be a number of seconds.`,
    );
  return { accessToken: b.access_token, expiresIn };
}

function errorFromStatus(where: string, status: number, text: string, hint: string): AuthError {
  let oauth: { error?: unknown; error_description?: unknown } = {};
  try {
    oauth = JSON.parse(text) as typeof oauth;
  } catch {
    // not JSON: reported by status below
  }
  if (typeof oauth.error === 'string') {
    const description =
      typeof oauth.error_description === 'string' ? `: ${oauth.error_description.trim().replace(/\.$/, '')}` : '';
    return new AuthError(
      'oauth',
      `The token endpoint ${where} refused: ${oauth.error}${description}. What to do: ${adviceFor(oauth.error, hint)}.`,
      status >= 500, // a server error may pass, whatever its body says
      status,
      oauth.error,
    );
  }
  if (status >= 500)
    return new AuthError('http', `The token endpoint ${where} failed with HTTP ${status}. Try again later.`, true, status);
  return new AuthError(
    'http',
    `The token endpoint ${where} answered HTTP ${status}. Check the Token endpoint URL${status === 401 || status === 403 ? ` and ${hint}` : ''}.`,
    false,
    status,
  );
}

/** One POST to the token endpoint, with a timeout. */
async function attempt(request: TokenRequest, options: Required<TokenEndpointOptions>): Promise<TokenResponse> {
  const where = describe(request.endpoint);
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
    });
  } catch (error) {
    const e = error as Error;
    if (e.name === 'TimeoutError')
      throw new AuthError(
        'timeout',
        `The token endpoint ${where} did not answer within ${options.timeoutMs / 1000} s. Check the URL, your network and proxy.`,
        true,
      );
    throw new AuthError(
      'network',
      `Could not reach the token endpoint ${where} (${e.message}). Check the URL, your network, and that omni-ai may access this site.`,
      true,
    );
  }
  const text = await response.text();
  if (!response.ok) throw errorFromStatus(where, response.status, text, request.credentialsHint);
  return parseTokenBody(where, text, response.headers.get('content-type') ?? '');
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
    ...DEFAULTS,
    ...opts,
  };
  for (let tryNumber = 1; ; tryNumber++) {
    try {
      return await attempt(request, options);
    } catch (error) {
      const authError =
        error instanceof AuthError ? error : new AuthError('network', (error as Error).message ?? String(error), true);
      const safe = redact(authError.message, request.secrets);
      if (!authError.retryable || tryNumber >= options.attempts) {
        const tries = authError.retryable ? ` (${tryNumber} tries)` : '';
        throw new AuthError(authError.kind, safe + tries, authError.retryable, authError.status, authError.oauthError);
      }
      await options.sleep(options.baseDelayMs * 2 ** (tryNumber - 1) * (0.5 + options.random()));
    }
  }
}
