import { createLocalJWKSet, jwtVerify } from 'jose';

/** How a fake provider decides whether a credential is good: a fixed key, or a JWT from the token server. */
export type CredentialCheck = (credential: string | undefined) => Promise<boolean>;

export const acceptKey =
  (key: string): CredentialCheck =>
  async (credential) =>
    credential === key;

export const acceptTokensSignedBy =
  (jwks: () => { keys: object[] }): CredentialCheck =>
  async (credential) => {
    if (!credential) return false;
    try {
      await jwtVerify(credential, createLocalJWKSet(jwks() as Parameters<typeof createLocalJWKSet>[0]));
      return true;
    } catch {
      return false;
    }
  };

export const bearerOf = (authorization: string | undefined) => /^Bearer (.+)$/.exec(authorization ?? '')?.[1];

/** A JWT access token from one issuer for one audience (RFC 9068 §4), as a resource server checks it. */
export const acceptTokensFrom =
  (expect: { jwks: () => { keys: object[] }; issuer: string; audience: string }): CredentialCheck =>
  async (credential) => {
    if (!credential) return false;
    try {
      await jwtVerify(credential, createLocalJWKSet(expect.jwks() as Parameters<typeof createLocalJWKSet>[0]), {
        issuer: expect.issuer,
        audience: expect.audience,
      });
      return true;
    } catch {
      return false;
    }
  };
