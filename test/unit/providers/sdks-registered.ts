import { EventSourceParserStream } from 'eventsource-parser/stream';
import { EventStreamCodec, getChunkedStream } from '@smithy/core/event-streams';
import { SignJWT, base64url, createRemoteJWKSet, errors, importPKCS8, jwtVerify } from 'jose';
import { AzureOpenAI, OpenAI } from 'openai';
import { MessagesClient } from '@/lib/providers/sdk/anthropic-messages-client';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';

// Imported by the tests that build adapters, sign in or sign a service account's assertion: what the
// SDK scripts (entrypoints/*-sdk.ts) do when the worker imports them, so the adapters, the sign-in
// and the JWT-bearer grant find them as in the browser (lib/providers/sdk/load-sdk.ts).
registerSdk('openai', { OpenAI, AzureOpenAI });
registerSdk('anthropic', { MessagesClient });
registerSdk('jose', { SignJWT, base64url, createRemoteJWKSet, errors, importPKCS8, jwtVerify });
registerSdk('eventstream', { EventStreamCodec, getChunkedStream });
registerSdk('eventsource', { EventSourceParserStream });
