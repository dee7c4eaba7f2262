import type { AzureOpenAIConfig } from '../settings/schema';
import { streamChatCompletions } from './openai-chat-stream';
import { loadSdk } from './sdk/load-sdk';
import type { ChatModel } from './types';
import { t } from '../i18n/t';

export interface AzureDeps {
  /** The gateway's token for Azure (OAuth2 mode). */
  getToken: () => Promise<string>;
  /** Pins requests to the configured endpoint and retries a 401 with a fresh token (OAuth2 mode). */
  authFetch: typeof fetch;
  fetch: typeof fetch;
}

/**
 * Azure OpenAI through the SDK's Azure client. In OAuth2 mode its token-provider hook is fed by the
 * gateway; in API-key mode it sends `api-key`. One of the two must always be given: with neither,
 * the SDK reads process.env, which throws in a worker. The model is the deployment name.
 */
export function createAzureOpenAIModel(config: AzureOpenAIConfig, deps: AzureDeps): ChatModel {
  // OAuth2 client credentials and user sign-in both get their tokens from the gateway.
  const oauth = config.auth !== 'api-key';
  const { AzureOpenAI } = loadSdk('openai', 'azure-openai');
  const client = new AzureOpenAI({
    endpoint: config.endpoint,
    apiVersion: config.apiVersion,
    ...(oauth ? { azureADTokenProvider: deps.getToken } : { apiKey: config.apiKey }),
    dangerouslyAllowBrowser: true,
    maxRetries: 0,
    fetch: oauth ? deps.authFetch : deps.fetch,
  });
  return {
    provider: 'azure-openai',
    stream: (request) =>
      streamChatCompletions('azure-openai', client, request, {
        includeUsage: true,
        what: t('what_deployment', request.model),
        // In the GA API since 2024-10-21, and the only limit Azure's reasoning deployments take.
        maxTokensParam: 'max_completion_tokens',
      }),
  };
}
