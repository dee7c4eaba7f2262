import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

/** The API the access tokens are for, named as Azure OpenAI's Entra resource is. */
export const API_RESOURCE = 'https://cognitiveservices.azure.com';
export const API_SCOPE = 'https://cognitiveservices.azure.com/.default';

/** One request the provider answered, with the parameters it recognised (never shown to a user). */
export interface OidcRequestRecord {
  route: string;
  method: string;
  status: number;
  params: Record<string, string | undefined>;
  /** The query string exactly as sent (oidc-provider's params drop what it ignores, such as offline_access). */
  query: Record<string, string>;
  error?: string;
  /** The refresh token a token response carried, to follow rotation. */
  issuedRefreshToken?: string;
}

export interface OidcServerOptions {
  clientId: string;
  /** omni-ai's identity.getRedirectURL() in the browser under test: the one redirect URI allowed. */
  redirectUri: string;
  /** The extension's origin (chrome-extension://<id>): token and revocation requests come from it. */
  extensionOrigin: string;
  /** Seconds; short to see the alarm refresh. */
  accessTokenTTL?: number;
}

/**
 * A real OpenID provider on loopback (oidc-provider 9), configured as Entra ID is for omni-ai:
 * - a public client (`token_endpoint_auth_method: 'none'`): PKCE is required and checked by the
 *   library, refresh tokens are rotated with reuse detection;
 * - a refresh token with every sign-in that asks for offline_access, as Entra and Okta issue them;
 * - JWT access tokens for the API resource (RFC 9068), so the fake Azure OpenAI can verify them
 *   against this provider's JWKS;
 * - token revocation (RFC 7009); devInteractions' login and consent forms.
 * Mounted under a path, like Entra's /<tenant>/v2.0, so discovery must keep the issuer's path.
 */
export async function startOidcServer(options: OidcServerOptions) {
  const requests: OidcRequestRecord[] = [];
  /** What the test does to the authorization response on its way to omni-ai (an attacker's edit). */
  const attack: { rewrite?: (redirect: URL) => void } = {};
  let handler: http.RequestListener = (_req, res) => res.writeHead(503).end();
  const server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mount = '/tenant-1/v2.0';
  const issuer = `${origin}${mount}`;

  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'e2e-1', alg: 'RS256', use: 'sig' } as JWK;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.clientId,
        token_endpoint_auth_method: 'none',
        redirect_uris: [options.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [signingKey] },
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, name: `Test User ${sub}`, preferred_username: `${sub}@contoso.example` }),
    }),
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    features: {
      devInteractions: { enabled: true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // Entra takes the resource from the scope; here every token is for the one API.
        defaultResource: async () => API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: API_SCOPE,
          audience: API_RESOURCE,
          accessTokenTTL: options.accessTokenTTL ?? 3600,
          accessTokenFormat: 'jwt',
        }),
      },
    },
    // Entra and Okta issue a refresh token for offline_access without asking to consent to it.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // The worker calls the token endpoint from its own origin, as Entra allows for a SPA redirect URI.
    clientBasedCORS: (_ctx, requestOrigin) => requestOrigin === options.extensionOrigin,
    ttl: { AccessToken: options.accessTokenTTL ?? 3600, IdToken: 3600, RefreshToken: 24 * 3600, Session: 3600, Grant: 24 * 3600, Interaction: 600 },
  });

  // The same client for whatever redirect URI the browser under test has (its extension ID).
  provider.Client.prototype.redirectUriAllowed = function (uri: string) {
    return uri === options.redirectUri;
  };

  provider.use(async (ctx: KoaContextWithOIDC, next) => {
    await next();
    const route = ctx.oidc?.route;
    if (route) {
      const params = Object.fromEntries(
        Object.entries((ctx.oidc.params ?? {}) as Record<string, unknown>).map(([k, v]) => [k, v === undefined ? undefined : String(v)]),
      );
      const body = (typeof ctx.body === 'object' ? ctx.body : undefined) as { error?: string; refresh_token?: string } | undefined;
      const query = Object.fromEntries(new URLSearchParams(ctx.request.querystring));
      requests.push({ route, method: ctx.method, status: ctx.status, params, query, error: body?.error, issuedRefreshToken: body?.refresh_token });
    }
    // The authorization response, on its way back to omni-ai's redirect URI.
    const location = String(ctx.response.get('location') ?? '');
    if (attack.rewrite && location.startsWith(options.redirectUri)) {
      const url = new URL(location);
      attack.rewrite(url);
      ctx.response.set('location', url.toString());
    }
    // devInteractions' pages import a web font: on this closed network that is a console error.
    if (ctx.type === 'text/html' && typeof ctx.body === 'string')
      ctx.body = ctx.body.replace(/@import url\(https:\/\/fonts\.googleapis\.com[^)]*\);/, '');
  });

  /** Grant IDs by account, to revoke them. */
  const grants = new Map<string, Set<string>>();
  provider.on('grant.saved', (grant) => {
    if (grant.accountId && grant.jti) grants.set(grant.accountId, (grants.get(grant.accountId) ?? new Set()).add(grant.jti));
  });

  const callback = provider.callback();
  handler = (req, res) => {
    // Browsers ask every site for /favicon.ico; a 404 there would be a console error in the test.
    if (req.url === '/favicon.ico') return void res.writeHead(204).end();
    if (!req.url?.startsWith(mount)) return void res.writeHead(404).end();
    // oidc-provider builds its URLs (discovery, form actions) from originalUrl.
    (req as http.IncomingMessage & { originalUrl: string }).originalUrl = req.url;
    req.url = req.url.slice(mount.length) || '/';
    void callback(req, res);
  };

  return {
    issuer,
    requests,
    attack,
    /** The keys that verify its ID and access tokens. */
    jwks: () => ({ keys: [{ kty: signingKey.kty, n: signingKey.n, e: signingKey.e, kid: signingKey.kid, alg: 'RS256', use: 'sig' }] }),
    /** Requests to one endpoint: 'token', 'revocation', 'authorization'… */
    to: (route: string) => requests.filter((r) => r.route === route),
    /** Whether the provider would still take a refresh token: known, not spent by a rotation, not expired. */
    refreshTokenAlive: async (value: string) => {
      const token = await provider.RefreshToken.find(value);
      return !!token && !token.consumed && !token.isExpired;
    },
    /** Ends every sign-in of an account, as an admin revoking a user's sessions does: its refresh tokens die. */
    revokeGrants: async (accountId: string) => {
      for (const grantId of grants.get(accountId) ?? []) {
        await provider.RefreshToken.revokeByGrantId(grantId);
        await (await provider.Grant.find(grantId))?.destroy();
      }
    },
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
