import type { IncomingMessage } from 'node:http';
import { OAuth2Server } from 'oauth2-mock-server';

export interface TokenRequestRecord {
  grant: string;
  clientId?: string;
  how: 'basic' | 'body' | 'assertion' | 'none';
  scope?: string;
}

/** RFC 6749 §2.3.1: each half of the Basic credentials is form-urlencoded; a strict server decodes both. */
function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const match = /^Basic (.+)$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const decode = (s: string) => new URLSearchParams(`v=${s}`).get('v') ?? '';
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}

/**
 * A real OAuth2 server library (oauth2-mock-server) on loopback as the token endpoint. It signs
 * RS256 JWT access tokens with its own key and publishes them at /jwks; this wrapper adds what a
 * real identity provider does that the library leaves open: it checks the client secret and sets
 * the tokens' lifetime.
 */
export async function startTokenServer(options: { clients: Record<string, string>; expiresIn: number }) {
  const server = new OAuth2Server();
  await server.issuer.keys.generate('RS256');
  await server.start(0, '127.0.0.1');
  const requests: TokenRequestRecord[] = [];

  server.service.on('beforeTokenSigning', (token: { payload: Record<string, unknown> }) => {
    const now = Math.floor(Date.now() / 1000);
    token.payload.iat = now;
    token.payload.exp = now + options.expiresIn;
  });

  server.service.on(
    'beforeResponse',
    (response: { statusCode: number; body: Record<string, unknown> }, req: IncomingMessage & { body: Record<string, string> }) => {
      const body = req.body;
      const basic = basicCredentials(req.headers.authorization);
      const record: TokenRequestRecord = {
        grant: body.grant_type ?? '',
        clientId: basic?.id ?? body.client_id,
        how: basic ? 'basic' : body.client_secret ? 'body' : body.assertion ? 'assertion' : 'none',
        scope: body.scope,
      };
      requests.push(record);
      if (record.grant === 'client_credentials') {
        const secret = basic?.secret ?? body.client_secret;
        if (!record.clientId || options.clients[record.clientId] === undefined || options.clients[record.clientId] !== secret) {
          response.statusCode = 401;
          response.body = {
            error: 'invalid_client',
            error_description: 'Client authentication failed: unknown client or wrong secret.',
          };
          return;
        }
      }
      response.body.expires_in = options.expiresIn;
    },
  );

  return {
    issuer: server.issuer.url!,
    tokenEndpoint: `${server.issuer.url}/token`,
    requests,
    /** The public keys that verify the access tokens it issues. */
    jwks: () => ({ keys: server.issuer.keys.toJSON() as object[] }),
    close: () => server.stop(),
  };
}
