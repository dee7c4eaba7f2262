import { base64url } from 'jose';

/**
 * An unguessable value for `state`, `nonce` and the PKCE verifier: 32 bytes from the platform's
 * CSPRNG, base64url-encoded (43 characters, within RFC 7636 §4.1's 43–128 unreserved characters).
 */
export function randomUrlSafe(bytes = 32): string {
  return base64url.encode(crypto.getRandomValues(new Uint8Array(bytes)));
}
