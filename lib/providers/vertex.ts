import type { VertexConfig } from '../settings/schema';
import { vertexModelURL } from './endpoints';
import type { Generation } from './generation';
import { ProviderError, providerErrorFromResponse } from './provider-error';
import { loadSdk } from './sdk/load-sdk';
import type { SdkScripts } from './sdk/sdk-scripts';
import { toStreamError } from './stream-error';
import type { ChatMessage, ChatModel, ChatRequest, FinishReason, StreamPart, Usage } from './types';
import { t } from '../i18n/t';

export function mapGeminiFinishReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'STOP':
      return 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
      return 'content-filter';
    default:
      return 'other';
  }
}

/** Gemini 2.5's thinking budget, in tokens, for each effort (Gemini API: thinkingConfig.thinkingBudget). */
export const GEMINI_THINKING_BUDGET = { low: 1024, medium: 8192, high: 24576 } as const;

interface GeminiGenerationConfig {
  temperature?: number;
  maxOutputTokens?: number;
  thinkingConfig?: { thinkingBudget: number } | { thinkingLevel: string };
}

/**
 * Vertex's `generationConfig`. Reasoning effort is a thinking budget for Gemini 2.5 and earlier, and
 * the thinking level for later models (Gemini 3's `thinkingLevel`). Undefined when nothing is set.
 */
export function geminiGenerationConfig(model: string, generation: Generation = {}): GeminiGenerationConfig | undefined {
  const config: GeminiGenerationConfig = {};
  if (generation.temperature !== undefined) config.temperature = generation.temperature;
  if (generation.maxOutputTokens !== undefined) config.maxOutputTokens = generation.maxOutputTokens;
  const effort = generation.reasoningEffort;
  if (effort)
    config.thinkingConfig = /gemini-[12]([.-]|$)/.test(model)
      ? { thinkingBudget: GEMINI_THINKING_BUDGET[effort] }
      : { thinkingLevel: effort };
  return Object.keys(config).length ? config : undefined;
}

/**
 * One turn's parts: each image as `inlineData` (base64 bytes and their MIME type), then the text;
 * Google's prompt guide puts a single image before the text. A turn of images alone has no text part.
 */
function requestParts(m: ChatMessage) {
  const images = (m.images ?? []).map((image) => ({ inlineData: { mimeType: image.mediaType, data: image.data } }));
  return images.length && !m.content ? images : [...images, { text: m.content }];
}

export function generateContentBody(request: Omit<ChatRequest, 'signal'>) {
  const generationConfig = geminiGenerationConfig(request.model, request.generation);
  return {
    contents: request.messages.map((m) => ({ role: m.role === 'assistant' ? 'model' : 'user', parts: requestParts(m) })),
    ...(request.system ? { systemInstruction: { parts: [{ text: request.system }] } } : {}),
    ...(generationConfig ? { generationConfig } : {}),
  };
}

interface GeminiChunk {
  candidates?: { content?: { parts?: { text?: string; thought?: boolean }[] }; finishReason?: string }[];
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number };
  promptFeedback?: { blockReason?: string };
}

/** One SSE event of streamGenerateContent as stream parts; thought parts are not the answer. */
export function* geminiParts(chunk: GeminiChunk, state: { reason: FinishReason; usage: Usage }): Generator<StreamPart> {
  if (chunk.promptFeedback?.blockReason)
    throw new ProviderError('content-filter', t('vertex_blocked', chunk.promptFeedback.blockReason));
  const candidate = chunk.candidates?.[0];
  for (const part of candidate?.content?.parts ?? []) if (part.text && !part.thought) yield { type: 'text-delta', text: part.text };
  if (candidate?.finishReason) state.reason = mapGeminiFinishReason(candidate.finishReason);
  if (chunk.usageMetadata)
    state.usage = { inputTokens: chunk.usageMetadata.promptTokenCount, outputTokens: chunk.usageMetadata.candidatesTokenCount };
}

async function* streamGenerate(
  config: VertexConfig,
  send: typeof fetch,
  { EventSourceParserStream }: SdkScripts['eventsource'],
  request: ChatRequest,
): AsyncGenerator<StreamPart> {
  const url = `${vertexModelURL(config, request.model, 'streamGenerateContent')}?alt=sse`;
  try {
    const response = await send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(generateContentBody(request)),
      signal: request.signal,
    });
    if (!response.ok) throw await providerErrorFromResponse('vertex', response, t('what_model', request.model));
    const events = response.body!.pipeThrough(new TextDecoderStream()).pipeThrough(new EventSourceParserStream());
    const state: { reason: FinishReason; usage: Usage } = { reason: 'other', usage: {} };
    for await (const event of events) yield* geminiParts(JSON.parse(event.data) as GeminiChunk, state);
    // The SDKs end a stream quietly when it is aborted: that is a stop, not a finished answer.
    if (request.signal.aborted) throw request.signal.reason;
    yield { type: 'finish', reason: state.reason, usage: state.usage };
  } catch (error) {
    yield { type: 'error', error: toStreamError('vertex', error, request.signal, t('what_model', request.model)) };
  }
}

/** Gemini on Vertex AI (streamGenerateContent with alt=sse), always with a gateway token. */
export function createVertexModel(config: VertexConfig, authFetch: typeof fetch): ChatModel {
  // The server-sent events parser is a script of its own (eventsource-sdk.js), imported by the first
  // Vertex request: no other provider's Send needs it, and every start paid for it (issue 13 §4).
  const sse = loadSdk('eventsource', 'vertex');
  return { provider: 'vertex', stream: (request) => streamGenerate(config, authFetch, sse, request) };
}
