import type OpenAI from 'openai';
import type { ProviderId } from './catalog';
import type { Generation } from './generation';
import { isOpenAIReasoningModel } from './model-traits';
import { toStreamError } from './stream-error';
import type { ChatMessage, ChatRequest, FinishReason, StreamPart } from './types';

/** OpenAI's finish_reason values, including Azure's content_filter. */
export function mapOpenAIFinishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'content_filter':
      return 'content-filter';
    default:
      return 'other';
  }
}

/**
 * A user's turn with images becomes an array of content parts: the text, then each image as an
 * `image_url` holding a data URL (OpenAI and Azure take base64 only so; no URL of ours is fetched).
 * A turn without images stays a plain string, which every compatible server understands.
 */
function toOpenAIMessage(message: ChatMessage): OpenAI.Chat.ChatCompletionMessageParam {
  if (message.role === 'assistant' || !message.images?.length) return { role: message.role, content: message.content };
  return {
    role: 'user',
    content: [
      ...(message.content ? [{ type: 'text' as const, text: message.content }] : []),
      ...message.images.map((image) => ({ type: 'image_url' as const, image_url: { url: `data:${image.mediaType};base64,${image.data}` } })),
    ],
  };
}

export function toOpenAIMessages(request: ChatRequest): OpenAI.Chat.ChatCompletionMessageParam[] {
  const system: OpenAI.Chat.ChatCompletionMessageParam[] = request.system
    ? [{ role: 'system', content: request.system }]
    : [];
  return [...system, ...request.messages.map(toOpenAIMessage)];
}

/** Which field carries the output limit: OpenAI's own API takes `max_completion_tokens` from every model (its reasoning models refuse `max_tokens`); older compatible servers know only `max_tokens`. */
export type MaxTokensParam = 'max_completion_tokens' | 'max_tokens';

/**
 * The generation settings in OpenAI's chat completions format. Temperature never goes to a model
 * named as one of OpenAI's reasoning models, which refuse it; on OpenAI itself reasoning effort goes
 * only to those (the others refuse it), while an Azure deployment or a compatible server's model
 * gets it whenever it is set: its name says nothing of what it runs.
 */
export function openAIGenerationParams(
  provider: ProviderId,
  model: string,
  generation: Generation = {},
  maxTokensParam: MaxTokensParam,
): Pick<OpenAI.Chat.ChatCompletionCreateParamsStreaming, 'temperature' | 'max_completion_tokens' | 'max_tokens' | 'reasoning_effort'> {
  const reasoning = isOpenAIReasoningModel(model);
  const params: ReturnType<typeof openAIGenerationParams> = {};
  if (generation.temperature !== undefined && !reasoning) params.temperature = generation.temperature;
  if (generation.maxOutputTokens !== undefined) params[maxTokensParam] = generation.maxOutputTokens;
  if (generation.reasoningEffort && (reasoning || provider !== 'openai')) params.reasoning_effort = generation.reasoningEffort;
  return params;
}

/**
 * Streams a chat completion from anything that speaks OpenAI's wire format: OpenAI itself, Azure
 * OpenAI (whose first chunk carries only prompt_filter_results and no choices), and OpenAI-compatible
 * servers. `includeUsage` asks for the final usage chunk, which some compatible servers reject.
 */
export async function* streamChatCompletions(
  provider: ProviderId,
  client: OpenAI,
  request: ChatRequest,
  options: { includeUsage: boolean; what?: string; maxTokensParam: MaxTokensParam },
): AsyncGenerator<StreamPart> {
  try {
    const stream = await client.chat.completions.create(
      {
        model: request.model,
        messages: toOpenAIMessages(request),
        ...openAIGenerationParams(provider, request.model, request.generation, options.maxTokensParam),
        stream: true,
        ...(options.includeUsage ? { stream_options: { include_usage: true } } : {}),
      },
      { signal: request.signal },
    );
    let reason: FinishReason = 'other';
    let usage: { inputTokens?: number; outputTokens?: number } | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta?.content) yield { type: 'text-delta', text: choice.delta.content };
      if (choice?.finish_reason) reason = mapOpenAIFinishReason(choice.finish_reason);
      if (chunk.usage) usage = { inputTokens: chunk.usage.prompt_tokens, outputTokens: chunk.usage.completion_tokens };
    }
    // The SDKs end a stream quietly when it is aborted: that is a stop, not a finished answer.
    if (request.signal.aborted) throw request.signal.reason;
    yield { type: 'finish', reason, usage };
  } catch (error) {
    yield { type: 'error', error: toStreamError(provider, error, request.signal, options.what) };
  }
}
