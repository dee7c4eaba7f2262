import { loadSdk } from '../../providers/sdk/load-sdk';
import { randomUrlSafe } from './random-url-safe';

/** RFC 7636 §4.1: a high-entropy code verifier, kept in the worker's memory for one sign-in only. */
export const createCodeVerifier = (): string => randomUrlSafe(32);

/** RFC 7636 §4.2, method S256: BASE64URL(SHA256(ASCII(code_verifier))). "plain" is never used. */
export async function codeChallengeS256(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return loadSdk('jose', 'sign-in').base64url.encode(new Uint8Array(digest));
}
