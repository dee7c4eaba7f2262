import { AzureOpenAI, OpenAI } from 'openai';
import { MessagesClient } from '@/lib/providers/sdk/anthropic-messages-client';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';

// Imported by the tests that build adapters: what the SDK scripts (entrypoints/*-sdk.ts) do when the
// worker imports them, so the adapters find the SDKs as in the browser (lib/providers/sdk/load-sdk.ts).
registerSdk('openai', { OpenAI, AzureOpenAI });
registerSdk('anthropic', { MessagesClient });
