import type { Message } from '@smithy/core/event-streams';
import type { BedrockConfig } from '../settings/schema';
import { bedrockModelURL } from './endpoints';
import type { Generation } from './generation';
import { isClaudeWithoutTemperature } from './model-traits';
import { ProviderError, providerErrorFromResponse } from './provider-error';
import { loadSdk } from './sdk/load-sdk';
import type { SdkScripts } from './sdk/sdk-scripts';
import { toStreamError } from './stream-error';
import type { ChatMessage, ChatModel, ChatRequest, FinishReason, ImagePart, StreamPart, Usage } from './types';
import { t } from '../i18n/t';

const utf8Decoder = new TextDecoder();
const utf8Encoder = new TextEncoder();

export function mapBedrockStopReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'content_filtered':
    case 'guardrail_intervened':
      return 'content-filter';
    default:
      return 'other';
  }
}

/**
 * Converse's `inferenceConfig` (AWS Bedrock API reference, InferenceConfiguration): the output limit
 * and the temperature, which Claude after Opus 4.6 refuses. Undefined when there is nothing to send.
 */
export function converseInferenceConfig(model: string, generation: Generation = {}): { maxTokens?: number; temperature?: number } | undefined {
  const config: { maxTokens?: number; temperature?: number } = {};
  if (generation.maxOutputTokens !== undefined) config.maxTokens = generation.maxOutputTokens;
  if (generation.temperature !== undefined && !isClaudeWithoutTemperature(model)) config.temperature = generation.temperature;
  return Object.keys(config).length ? config : undefined;
}

/** Converse's ImageBlock format: the media type's subtype, lowercase (jpeg, png, webp). */
const bedrockImageFormat = (mediaType: ImagePart['mediaType']) => mediaType.slice('image/'.length);

/**
 * One turn's content blocks: each image as an ImageBlock whose `bytes` travel base64-encoded, as
 * every blob does in AWS's JSON protocol, then the text. Bedrock refuses a blank text block, so a
 * turn of images alone has none.
 */
function converseContent(m: ChatMessage) {
  const images = (m.images ?? []).map((image) => ({ image: { format: bedrockImageFormat(image.mediaType), source: { bytes: image.data } } }));
  return images.length && !m.content ? images : [...images, { text: m.content }];
}

/** The Converse request body (AWS Bedrock API reference, ConverseStream). */
export function converseBody(request: Omit<ChatRequest, 'signal'>) {
  const inferenceConfig = converseInferenceConfig(request.model, request.generation);
  return {
    messages: request.messages.map((m) => ({ role: m.role, content: converseContent(m) })),
    ...(request.system ? { system: [{ text: request.system }] } : {}),
    ...(inferenceConfig ? { inferenceConfig } : {}),
  };
}

function header(message: Message, name: string): string | undefined {
  const value = message.headers[name]?.value;
  return typeof value === 'string' ? value : undefined;
}

/**
 * Turns decoded event-stream messages into stream parts. An `exception` message (e.g.
 * modelStreamErrorException, throttlingException) becomes a ProviderError with AWS's own words.
 */
export function* bedrockParts(message: Message, state: { reason: FinishReason; usage: Usage }): Generator<StreamPart> {
  const type = header(message, ':message-type');
  const body = message.body.length ? (JSON.parse(utf8Decoder.decode(message.body)) as Record<string, unknown>) : {};
  if (type === 'exception' || type === 'error') {
    const name = header(message, ':exception-type') ?? header(message, ':error-code') ?? 'error';
    const said = (body.message ?? body.Message ?? header(message, ':error-message') ?? '') as string;
    const kind = /throttl/i.test(name) ? 'rate-limit' : /validation/i.test(name) ? 'bad-request' : 'server';
    throw new ProviderError(kind, `AWS Bedrock stopped the answer: ${name}${said ? `: ${said}` : ''}. Any text that arrived is kept; press Retry to ask again.`);
  }
  switch (header(message, ':event-type')) {
    case 'contentBlockDelta': {
      const text = (body.delta as { text?: string } | undefined)?.text;
      if (text) yield { type: 'text-delta', text };
      break;
    }
    case 'messageStop':
      state.reason = mapBedrockStopReason(body.stopReason as string | undefined);
      break;
    case 'metadata': {
      const usage = body.usage as { inputTokens?: number; outputTokens?: number } | undefined;
      state.usage = { inputTokens: usage?.inputTokens, outputTokens: usage?.outputTokens };
      break;
    }
  }
}

async function* streamConverse(
  config: BedrockConfig,
  send: typeof fetch,
  { EventStreamCodec, getChunkedStream }: SdkScripts['eventstream'],
  request: ChatRequest,
): AsyncGenerator<StreamPart> {
  const url = bedrockModelURL(config, request.model, 'converse-stream');
  try {
    const response = await send(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/vnd.amazon.eventstream',
        ...(config.auth === 'api-key' ? { authorization: `Bearer ${config.apiKey}` } : {}),
      },
      body: JSON.stringify(converseBody(request)),
      signal: request.signal,
    });
    if (!response.ok) throw await providerErrorFromResponse('bedrock', response, t('what_model', request.model));
    // Smithy's chunker reassembles frames split across network reads; the codec checks both CRCs.
    const codec = new EventStreamCodec((bytes) => utf8Decoder.decode(bytes), (text) => utf8Encoder.encode(text));
    const state: { reason: FinishReason; usage: Usage } = { reason: 'other', usage: {} };
    for await (const frame of getChunkedStream(response.body!)) yield* bedrockParts(codec.decode(frame), state);
    if (request.signal.aborted) throw request.signal.reason;
    yield { type: 'finish', reason: state.reason, usage: state.usage };
  } catch (error) {
    yield { type: 'error', error: toStreamError('bedrock', error, request.signal, t('what_model', request.model)) };
  }
}

/** AWS Bedrock's ConverseStream, with a gateway bearer token (OAuth2) or a Bedrock API key. */
export function createBedrockModel(config: BedrockConfig, deps: { authFetch: typeof fetch; fetch: typeof fetch }): ChatModel {
  const send = config.auth !== 'api-key' ? deps.authFetch : deps.fetch;
  // The event-stream decoder is a script of its own (eventstream-sdk.js), imported by the first
  // Bedrock request: no other provider's Send needs it, and every start paid for it (issue 13 §4).
  const eventStream = loadSdk('eventstream', 'bedrock');
  return { provider: 'bedrock', stream: (request) => streamConverse(config, send, eventStream, request) };
}
