import type { ProviderId } from './catalog';
import type { Generation } from './generation';
import type { ProviderErrorKind } from './provider-error';

/** One turn of the conversation as every provider receives it. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** The user's system prompt from the options, if any. */
  system?: string;
  /** Temperature, output limit and reasoning effort from the provider's options; each adapter sends them its own way. */
  generation?: Generation;
  /** Aborting closes the upstream connection: the provider sees the request end. */
  signal: AbortSignal;
}

export type FinishReason = 'stop' | 'length' | 'content-filter' | 'error' | 'other';

export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
}

/** A provider failure as plain data: it crosses the port to the side panel by structured clone. */
export interface StreamError {
  kind: ProviderErrorKind | 'auth-gateway' | 'aborted';
  message: string;
  status?: number;
  retryAfter?: number;
}

/**
 * What every adapter turns its vendor's stream into (vercel/ai's stream parts): the chat code never
 * knows which provider answered. Errors travel in the stream too, after whatever text arrived.
 */
export type StreamPart =
  | { type: 'text-delta'; text: string }
  | { type: 'finish'; reason: FinishReason; usage?: Usage }
  | { type: 'error'; error: StreamError };

/** One provider behind the common interface. */
export interface ChatModel {
  readonly provider: ProviderId;
  /** Streams the answer. Never throws: failures arrive as an `error` part. */
  stream(request: ChatRequest): AsyncIterable<StreamPart>;
  /** The models to offer, fetched live where the API lists them. */
  listModels?(signal: AbortSignal): Promise<string[]>;
}
