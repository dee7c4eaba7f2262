import Anthropic from '@anthropic-ai/sdk';
import type { AnthropicConfig } from '../settings/schema';
import type { ProviderId } from './catalog';
import { ANTHROPIC_BASE_URL } from './endpoints';
import { toStreamError } from './stream-error';
import type { ChatModel, ChatRequest, FinishReason, StreamPart, Usage } from './types';

/** Answers are capped here; every current Claude model allows at least this many output tokens. */
export const ANTHROPIC_MAX_TOKENS = 8192;

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

async function* streamMessages(provider: ProviderId, client: Anthropic, request: ChatRequest): AsyncGenerator<StreamPart> {
  try {
    const stream = await client.messages.create(
      {
        model: request.model,
        max_tokens: ANTHROPIC_MAX_TOKENS,
        ...(request.system ? { system: request.system } : {}),
        messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
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
export function createAnthropicModel(config: AnthropicConfig, fetch: typeof globalThis.fetch): ChatModel {
  const client = new Anthropic({
    apiKey: config.apiKey,
    baseURL: config.baseURL || ANTHROPIC_BASE_URL,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    fetch,
  });
  return {
    provider: 'anthropic',
    stream: (request) => streamMessages('anthropic', client, request),
    listModels: async (signal) => (await client.models.list({ limit: 100 }, { signal })).data.map((m) => m.id),
  };
}
