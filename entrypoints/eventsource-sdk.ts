import { EventSourceParserStream } from 'eventsource-parser/stream';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';

// eventsource-parser as a classic script of its own, loaded by the worker on the first Google Vertex
// AI request (lib/providers/sdk/load-sdk.ts; issue 13 §4: no other Send needs it).
export default defineUnlistedScript(() => registerSdk('eventsource', { EventSourceParserStream }));
