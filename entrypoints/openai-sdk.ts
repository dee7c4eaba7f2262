import { AzureOpenAI, OpenAI } from 'openai';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';

// The openai SDK as a classic script of its own, loaded by the worker on first need
// (lib/providers/sdk/load-sdk.ts; issue 13 §4: the worker's start costs what its script weighs).
export default defineUnlistedScript(() => registerSdk('openai', { OpenAI, AzureOpenAI }));
