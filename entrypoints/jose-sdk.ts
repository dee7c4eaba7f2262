import { SignJWT, base64url, createRemoteJWKSet, errors, importPKCS8, jwtVerify } from 'jose';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';

// jose as a classic script of its own, loaded by the worker when a sign-in or a Vertex service
// account first needs it (lib/providers/sdk/load-sdk.ts; issue 13 §4: a Send does not need it, and
// every start paid for its bytes).
export default defineUnlistedScript(() => registerSdk('jose', { SignJWT, base64url, createRemoteJWKSet, errors, importPKCS8, jwtVerify }));
