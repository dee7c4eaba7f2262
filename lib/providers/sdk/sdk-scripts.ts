import type { EventStreamCodec, getChunkedStream } from '@smithy/core/event-streams';
import type { EventSourceParserStream } from 'eventsource-parser/stream';
import type * as Jose from 'jose';
import type { AzureOpenAI, OpenAI } from 'openai';
import type { DiscoveryCache } from '../../auth/sign-in/discovery';
import type { remoteKeys } from '../../auth/sign-in/id-token';
import type { runSignIn } from '../../auth/sign-in/run-sign-in';
import type { ProviderId } from '../catalog';
import type { MessagesClient } from './anthropic-messages-client';

/**
 * The provider SDKs, each built as a classic script of its own (entrypoints/<name>-sdk.ts) rather
 * than into the worker's script: a stopped worker's start costs what its script weighs, read and
 * compiled, used or not (issue 13 §4, bench/NOTES.md "A cold worker"), and the SDKs were three
 * quarters of it. A script registers what it exports here; lib/providers/sdk/load-sdk.ts loads it
 * on first need. Only types cross into the worker's bundle: a value import of an SDK would bring
 * it back.
 */
export interface SdkScripts {
  /** openai: OpenAI, Azure OpenAI and OpenAI-compatible servers. */
  openai: { OpenAI: typeof OpenAI; AzureOpenAI: typeof AzureOpenAI };
  /** @anthropic-ai/sdk, narrowed to the Messages and Models APIs. */
  anthropic: { MessagesClient: typeof MessagesClient };
  /**
   * jose: the sign-in's ID token check and PKCE, and Vertex's service-account assertion. No chat
   * request to a provider with a key needs it, yet it was 15% of the worker's script (issue 13 §4).
   */
  jose: Pick<typeof Jose, 'SignJWT' | 'importPKCS8' | 'jwtVerify' | 'createRemoteJWKSet' | 'errors' | 'base64url'>;
  /**
   * @smithy/core's event-stream decoder (frames, headers, both CRCs): only AWS Bedrock's answers
   * need it, yet every start paid for its 7 KB (issue 13 §4).
   */
  eventstream: { EventStreamCodec: typeof EventStreamCodec; getChunkedStream: typeof getChunkedStream };
  /** eventsource-parser: Google Vertex AI's answers (server-sent events); the SDKs parse their own. */
  eventsource: { EventSourceParserStream: typeof EventSourceParserStream };
  /**
   * omni-ai's own interactive sign-in (discovery, PKCE, the authorization response, the ID token
   * check, which loads jose in turn): only Sign in on the options page needs it (issue 13 §4).
   */
  'sign-in': { runSignIn: typeof runSignIn; DiscoveryCache: typeof DiscoveryCache; remoteKeys: typeof remoteKeys };
}

export type SdkName = keyof SdkScripts;

/** Each script's path in the built extension (WXT names an unlisted script after its file). */
export const SDK_SCRIPT_PATHS: Record<SdkName, `/${string}.js`> = {
  openai: '/openai-sdk.js',
  anthropic: '/anthropic-sdk.js',
  jose: '/jose-sdk.js',
  eventstream: '/eventstream-sdk.js',
  eventsource: '/eventsource-sdk.js',
  'sign-in': '/sign-in-flow.js',
};

/**
 * The SDK each provider's adapter loads when it is built (lib/providers/<provider>.ts), if any:
 * Bedrock's and Vertex's adapters speak HTTP themselves and load only their stream's parser
 * (Vertex's service account needs jose, loaded when the gateway asks for a token).
 */
export const SDK_OF_PROVIDER: Record<ProviderId, SdkName> = {
  openai: 'openai',
  'azure-openai': 'openai',
  'openai-compatible': 'openai',
  anthropic: 'anthropic',
  bedrock: 'eventstream',
  vertex: 'eventsource',
};

/** Where a script leaves what it exports: the worker's (or event page's) global scope, one key. */
export const SDK_GLOBAL = 'omniAiSdkScripts';

type Registry = Partial<SdkScripts>;

export function sdkRegistry(): Registry {
  const scope = globalThis as unknown as Record<typeof SDK_GLOBAL, Registry | undefined>;
  return (scope[SDK_GLOBAL] ??= {});
}
