import type { ClientAuthMethod } from '../settings/schema';
import type { SignInSource } from './sign-in/sign-in-source';

/**
 * Where and how to get a token for one provider: everything the gateway needs, nothing else. A
 * user's sign-in is one more source: its credential, the refresh token, is kept by the sign-in
 * session store (sign-in/sign-in-session.ts), not here.
 */
export type TokenSource = ClientCredentialsSource | ServiceAccountSource | SignInSource;

export interface ClientCredentialsSource {
  grant: 'client_credentials';
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  clientAuth: ClientAuthMethod;
  scope: string;
  audience: string;
  resource: string;
}

/** A Google service-account key, exchanged by the JWT-bearer grant (RFC 7523). */
export interface ServiceAccountSource {
  grant: 'jwt-bearer';
  tokenEndpoint: string;
  clientEmail: string;
  privateKey: string;
  privateKeyId?: string;
  scope: string;
}

/** The values that must never appear in a message or a log. */
export function secretsOf(source: TokenSource): string[] {
  if (source.grant === 'refresh_token') return []; // the refresh token's own request lists it (grants/refresh-token.ts)
  return source.grant === 'client_credentials' ? [source.clientSecret] : [source.privateKey];
}

/**
 * Identifies the credentials a token was issued for: a changed secret, scope or endpoint gives a
 * different fingerprint, so a token is never reused for other credentials. SHA-256, so the stored
 * fingerprint reveals nothing of the secret.
 */
export async function fingerprint(source: TokenSource): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(source, Object.keys(source).sort()));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
