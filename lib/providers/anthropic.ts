import type Anthropic from '@anthropic-ai/sdk';
import type { AnthropicConfig } from '../settings/schema';
import type { ProviderId } from './catalog';
import { ANTHROPIC_BASE_URL } from './endpoints';
import type { Generation } from './generation';
import { isClaudeWithoutTemperature } from './model-traits';
import type { MessagesClient } from './sdk/anthropic-messages-client';
import { loadSdk } from './sdk/load-sdk';
import { toStreamError } from './stream-error';
import type { ChatMessage, ChatModel, ChatRequest, FinishReason, StreamPart, Usage } from './types';

/**
 * The cap when none is configured (Anthropic requires one on every request; the options page always
 * has one, this covers a request built elsewhere). Every current Claude model allows this many.
 */
export const ANTHROPIC_MAX_TOKENS = 8192;

/**
 * SDK 1.x no longer declares `temperature` (deprecated for Claude after Opus 4.6), but the API still
 * takes it from older models, and the SDK sends the body as it is given.
 */
type AnthropicGenerationParams = Pick<Anthropic.MessageCreateParamsStreaming, 'max_tokens' | 'output_config'> & { temperature?: number };

/**
 * The generation settings in the Messages API's format: `max_tokens` always, the temperature only
 * for models that take one (Claude after Opus 4.6 refuses it), and the reasoning effort as
 * `output_config.effort`.
 */
export function anthropicGenerationParams(model: string, generation: Generation = {}): AnthropicGenerationParams {
  return {
    max_tokens: generation.maxOutputTokens ?? ANTHROPIC_MAX_TOKENS,
    ...(generation.temperature !== undefined && !isClaudeWithoutTemperature(model) ? { temperature: generation.temperature } : {}),
    ...(generation.reasoningEffort ? { output_config: { effort: generation.reasoningEffort } } : {}),
  };
}

export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'max_tokens':
      return 'length';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}

/**
 * A user's turn with images becomes content blocks: each image as a base64 `image` block, then the
 * text (Anthropic's vision guide: images before the question work best). Empty text blocks are
 * refused by the API, so a turn of images alone has none. Without images, a plain string.
 */
export function toAnthropicMessages(messages: ChatMessage[]): Anthropic.MessageParam[] {
  return messages.map((m) => {
    if (m.role === 'assistant' || !m.images?.length) return { role: m.role, content: m.content };
    return {
      role: 'user',
      content: [
        ...m.images.map((image) => ({ type: 'image' as const, source: { type: 'base64' as const, media_type: image.mediaType, data: image.data } })),
        ...(m.content ? [{ type: 'text' as const, text: m.content }] : []),
      ],
    };
  });
}

async function* streamMessages(provider: ProviderId, client: MessagesClient, request: ChatRequest): AsyncGenerator<StreamPart> {
  try {
    const stream = await client.messages.create(
      {
        model: request.model,
        ...anthropicGenerationParams(request.model, request.generation),
        ...(request.system ? { system: request.system } : {}),
        messages: toAnthropicMessages(request.messages),
        stream: true,
      },
      { signal: request.signal },
    );
    let reason: FinishReason = 'other';
    const usage: Usage = {};
    for await (const event of stream) {
      switch (event.type) {
        case 'message_start':
          usage.inputTokens = event.message.usage.input_tokens;
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta') yield { type: 'text-delta', text: event.delta.text };
          break;
        case 'message_delta':
          reason = mapAnthropicStopReason(event.delta.stop_reason);
          usage.outputTokens = event.usage.output_tokens;
          break;
      }
    }
    // The SDKs end a stream quietly when it is aborted: that is a stop, not a finished answer.
    if (request.signal.aborted) throw request.signal.reason;
    yield { type: 'finish', reason, usage };
  } catch (error) {
    yield { type: 'error', error: toStreamError(provider, error, request.signal) };
  }
}

/**
 * Anthropic through its official SDK. `dangerouslyAllowBrowser` makes it send the
 * `anthropic-dangerous-direct-browser-access` header Anthropic requires from an extension.
 * `maxRetries: 0` for the reason given in openai.ts.
 */
export function createAnthropicModel(config: Pick<AnthropicConfig, 'apiKey' | 'baseURL'>, fetch: typeof globalThis.fetch): ChatModel {
  const { MessagesClient } = loadSdk('anthropic', 'anthropic');
  const client = new MessagesClient({
    apiKey: config.apiKey,
    baseURL: config.baseURL || ANTHROPIC_BASE_URL,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    fetch,
  });
  return {
    provider: 'anthropic',
    stream: (request) => streamMessages('anthropic', client, request),
    // Anthropic names its models itself (display_name: "Claude Sonnet 4.5"); the ID is the fallback.
    listModels: async (signal) =>
      (await client.models.list({ limit: 100 }, { signal })).data.map((m) => ({ id: m.id, name: m.display_name || m.id })),
  };
}
