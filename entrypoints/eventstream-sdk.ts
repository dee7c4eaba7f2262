import { EventStreamCodec, getChunkedStream } from '@smithy/core/event-streams';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';

// @smithy/core's event-stream decoder as a classic script of its own, loaded by the worker on the
// first AWS Bedrock request (lib/providers/sdk/load-sdk.ts; issue 13 §4: no other Send needs it).
export default defineUnlistedScript(() => registerSdk('eventstream', { EventStreamCodec, getChunkedStream }));
