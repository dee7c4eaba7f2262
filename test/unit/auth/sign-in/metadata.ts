import type { IssuerMetadata } from '@/lib/auth/sign-in/discovery';

export const ISSUER = 'https://login.example.com/tenant-1';

export const metadata = (over: Partial<IssuerMetadata> = {}): IssuerMetadata => ({
  issuer: ISSUER,
  authorizationEndpoint: `${ISSUER}/authorize`,
  tokenEndpoint: `${ISSUER}/token`,
  jwksUri: `${ISSUER}/jwks`,
  revocationEndpoint: `${ISSUER}/revoke`,
  idTokenAlgorithms: ['RS256'],
  issInResponse: false,
  ...over,
});

export const REDIRECT = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';
