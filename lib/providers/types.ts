import type { ProviderId } from './catalog';
import type { Generation } from './generation';
import type { ImageMediaType } from './image-media-types';
import type { ProviderErrorKind } from './provider-error';

/**
 * An image in a user's turn as every adapter takes it: the bytes in base64 (each provider's JSON
 * carries them so: a data URL, a base64 source, Converse's blob, `inlineData`) and their type.
 */
export interface ImagePart {
  mediaType: ImageMediaType;
  data: string;
}

/** One turn of the conversation as every provider receives it. */
export interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
  /** Images the user attached to this turn, in order (never on an answer). */
  images?: ImagePart[];
}

/** A model as the "Model" list shows it: the ID requests send, and the name people know it by. */
export interface ModelInfo {
  id: string;
  /** The provider's own display name, a known name, or the ID itself. */
  name: string;
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
  /** 'sign-in': only the user can fix it, by signing in (again); the panel offers the button. */
  kind: ProviderErrorKind | 'auth-gateway' | 'sign-in' | 'aborted';
  message: string;
  status?: number;
  retryAfter?: number;
  /** With kind 'sign-in': the user had signed in and the provider ended it ("Sign in again"). */
  again?: boolean;
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
  /** The models to offer, fetched live where the API lists them, with the names it gives them. */
  listModels?(signal: AbortSignal): Promise<ModelInfo[]>;
}
