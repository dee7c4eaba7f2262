import { DiscoveryCache } from '@/lib/auth/sign-in/discovery';
import { remoteKeys } from '@/lib/auth/sign-in/id-token';
import { runSignIn } from '@/lib/auth/sign-in/run-sign-in';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';

// The interactive sign-in's own code as a classic script of its own, loaded by the worker on the
// first sign-in (lib/background/sign-in.ts, lib/providers/sdk/load-sdk.ts; issue 13 §4: a Send never
// needs it). What it shares with the worker (the token endpoint, the sessions, the gateway) is
// passed in by the worker, never bundled here a second time.
export default defineUnlistedScript(() => registerSdk('sign-in', { runSignIn, DiscoveryCache, remoteKeys }));
