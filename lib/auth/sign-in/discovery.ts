import { t } from '../../i18n/t';
import { checkEndpointUrl } from '../../settings/validate';
import { AuthError } from '../errors';

/** What omni-ai takes from an issuer's OpenID Provider Metadata (OpenID Connect Discovery 1.0 §3). */
export interface IssuerMetadata {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** RFC 7009; absent when the provider offers none (Sign out then only forgets the tokens). */
  revocationEndpoint?: string;
  /** The ID-token signature algorithms omni-ai will accept from this issuer. */
  idTokenAlgorithms: string[];
  /** RFC 9207: the provider puts `iss` in the authorization response, so omni-ai requires it. */
  issInResponse: boolean;
}

export interface DiscoveryOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/**
 * Asymmetric algorithms only: a public client has no secret to check an HMAC (HS256) with, and
 * "none" proves nothing (OpenID Connect Core §3.1.3.7, steps 6–8).
 */
const VERIFIABLE_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** Discovery §4: the issuer with any trailing "/" removed, then /.well-known/openid-configuration. */
export function discoveryUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

const ENTRA = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Discovery §4.3: the metadata's `issuer` must be identical to the Issuer it was fetched for, or an
 * attacker's document could name another provider's endpoints. One documented exception: Entra ID
 * serves a tenant's metadata under its domain name (contoso.onmicrosoft.com) but announces the
 * tenant's GUID as issuer; the ID token is then checked against that announced GUID issuer.
 */
export function isSameIssuer(configured: string, announced: string): boolean {
  if (configured === announced) return true;
  const asked = ENTRA.exec(configured);
  const got = ENTRA.exec(announced);
  return !!asked && !!got && !GUID.test(asked[1]!) && GUID.test(got[1]!);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Reads and checks one issuer's metadata. Every failure names the URL and what to check. */
export async function discover(issuer: string, options: DiscoveryOptions = {}): Promise<IssuerMetadata> {
  const url = discoveryUrl(issuer);
  const doFetch = options.fetch ?? ((...args) => fetch(...args));
  const timeoutMs = options.timeoutMs ?? 10_000;
  let response: Response;
  try {
    response = await doFetch(url, {
      headers: { accept: 'application/json' },
      credentials: 'omit',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const e = error as Error;
    if (e.name === 'TimeoutError')
      throw new AuthError('timeout', t('discovery_timeout', url, timeoutMs / 1000), { retryable: true });
    throw new AuthError('network', t('discovery_unreachable', url, e.message), { retryable: true });
  }
  if (!response.ok)
    throw new AuthError(
      'http',
      t('discovery_http', url, String(response.status)),
      { retryable: response.status >= 500, status: response.status },
    );
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(await response.text());
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    body = parsed as Record<string, unknown>;
  } catch {
    throw new AuthError('invalid-response', t('discovery_not_json', url));
  }
  const announced = str(body.issuer);
  if (!announced || !isSameIssuer(issuer, announced))
    throw new AuthError(
      'config',
      t('discovery_other_issuer', url, announced ? `"${announced}"` : t('discovery_no_issuer'), issuer),
    );
  const endpoint = (key: string, required: boolean): string | undefined => {
    const value = str(body[key]);
    if (!value) {
      if (required) throw new AuthError('config', t('discovery_missing', url, key));
      return undefined;
    }
    const problem = checkEndpointUrl(value);
    if (problem) throw new AuthError('config', t('discovery_bad_endpoint', url, key, value, problem));
    return value;
  };
  const methods = body.code_challenge_methods_supported;
  // RFC 8414 §2: when listed, S256 must be among them; omni-ai never falls back to "plain".
  if (Array.isArray(methods) && !methods.includes('S256'))
    throw new AuthError('config', t('discovery_no_pkce', issuer));
  const offered = Array.isArray(body.id_token_signing_alg_values_supported)
    ? body.id_token_signing_alg_values_supported.filter((a): a is string => typeof a === 'string')
    : ['RS256']; // Discovery §3: RS256 when the provider does not say
  const idTokenAlgorithms = offered.filter((a) => VERIFIABLE_ALGORITHMS.includes(a));
  if (idTokenAlgorithms.length === 0)
    throw new AuthError('config', t('discovery_algorithms', issuer, offered.join(', ') || t('discovery_algorithms_none')));
  return {
    issuer: announced,
    authorizationEndpoint: endpoint('authorization_endpoint', true)!,
    tokenEndpoint: endpoint('token_endpoint', true)!,
    jwksUri: endpoint('jwks_uri', true)!,
    revocationEndpoint: endpoint('revocation_endpoint', false),
    idTokenAlgorithms,
    issInResponse: body.authorization_response_iss_parameter_supported === true,
  };
}

/** Metadata changes rarely: one fetch per issuer per hour is plenty. Failures are not kept. */
export class DiscoveryCache {
  private entries = new Map<string, { at: number; metadata: Promise<IssuerMetadata> }>();

  constructor(
    private readonly load: (issuer: string) => Promise<IssuerMetadata> = (issuer) => discover(issuer),
    private readonly ttlMs = 3600_000,
    private readonly now: () => number = Date.now,
  ) {}

  get(issuer: string): Promise<IssuerMetadata> {
    const hit = this.entries.get(issuer);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.metadata;
    const metadata = this.load(issuer);
    this.entries.set(issuer, { at: this.now(), metadata });
    metadata.catch(() => {
      if (this.entries.get(issuer)?.metadata === metadata) this.entries.delete(issuer);
    });
    return metadata;
  }
}
