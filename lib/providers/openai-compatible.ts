import type { OpenAICompatibleConfig } from '../settings/schema';
import { streamChatCompletions } from './openai-chat-stream';
import { loadSdk } from './sdk/load-sdk';
import type { ChatModel } from './types';

/**
 * Ollama, vLLM, LiteLLM or a corporate proxy, through the OpenAI SDK with a base URL and the user's
 * extra headers. The SDK insists on an API key; when the user has none, the Authorization header it
 * would send is removed, so a server without auth never sees a made-up key.
 */
export function createOpenAICompatibleModel(config: Pick<OpenAICompatibleConfig, 'apiKey' | 'baseURL' | 'headers'>, fetch: typeof globalThis.fetch): ChatModel {
  const withoutPlaceholderKey: typeof globalThis.fetch = (input, init) => {
    if (config.apiKey) return fetch(input, init);
    const headers = new Headers(init?.headers);
    headers.delete('authorization');
    return fetch(input, { ...init, headers });
  };
  const { OpenAI } = loadSdk('openai', 'openai-compatible');
  const client = new OpenAI({
    apiKey: config.apiKey || 'unused',
    baseURL: config.baseURL,
    defaultHeaders: config.headers,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    fetch: withoutPlaceholderKey,
  });
  return {
    provider: 'openai-compatible',
    // No stream_options: older compatible servers reject fields they do not know.
    stream: (request) => streamChatCompletions('openai-compatible', client, request, { includeUsage: false, maxTokensParam: 'max_tokens' }),
    listModels: async (signal) =>
      (await client.models.list({ signal })).data
        .map((m) => m.id)
        .sort()
        .map((id) => ({ id, name: id })),
  };
}
