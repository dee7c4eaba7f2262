import { MessagesClient } from '@/lib/providers/sdk/anthropic-messages-client';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';

// The Anthropic SDK (its Messages and Models APIs) as a classic script of its own, loaded by the
// worker on first need (lib/providers/sdk/load-sdk.ts; issue 13 §4).
export default defineUnlistedScript(() => registerSdk('anthropic', { MessagesClient }));
