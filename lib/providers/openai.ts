import type { OpenAIConfig } from '../settings/schema';
import { OPENAI_BASE_URL } from './endpoints';
import { isOpenAIChatModel } from './openai-chat-models';
import { streamChatCompletions } from './openai-chat-stream';
import { loadSdk } from './sdk/load-sdk';
import type { ChatModel } from './types';

/**
 * OpenAI through its official SDK. `dangerouslyAllowBrowser`: the SDK refuses to run in a worker
 * otherwise; the key stays in the service worker. `maxRetries: 0`: a retried stream would make the
 * user wait in silence, so failures surface at once with a Retry button (the gateway alone retries,
 * once, on a 401).
 */
export function createOpenAIModel(config: Pick<OpenAIConfig, 'apiKey' | 'baseURL'>, fetch: typeof globalThis.fetch): ChatModel {
  const { OpenAI } = loadSdk('openai', 'openai');
  const client = new OpenAI({
    apiKey: config.apiKey,
    baseURL: config.baseURL || OPENAI_BASE_URL,
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    fetch,
  });
  return {
    provider: 'openai',
    stream: (request) => streamChatCompletions('openai', client, request, { includeUsage: true, maxTokensParam: 'max_completion_tokens' }),
    listModels: async (signal) =>
      (await client.models.list({ signal })).data
        .map((m) => m.id)
        .filter(isOpenAIChatModel)
        .sort()
        .map((id) => ({ id, name: id })),
  };
}
