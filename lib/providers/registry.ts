import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { SettingsData } from '../settings/schema';
import { createAnthropicModel } from './anthropic';
import { createAzureOpenAIModel } from './azure-openai';
import { createBedrockModel } from './bedrock';
import type { ProviderId } from './catalog';
import { credentialFetch } from './credential-fetch';
import { createOpenAIModel } from './openai';
import { createOpenAICompatibleModel } from './openai-compatible';
import type { ChatModel } from './types';
import { createVertexModel } from './vertex';

/**
 * The seed's HybridProviderManager: one adapter per provider behind the ChatModel interface, built
 * from the current settings for each request, so a change on the options page applies to the next
 * message without a reload. Enterprise adapters get the gateway's fetch; they never see a secret
 * other than their own configuration. Every request carries a credential, so every fetch refuses
 * redirects (credential-fetch.ts; the gateway's does too). `baseFetch` is what finally sends each
 * request (the worker's tells its start-up work that the request has left: start-up-work.ts).
 */
export function createChatModel(
  provider: ProviderId,
  settings: SettingsData,
  gateway: OAuth2Gateway,
  baseFetch: typeof fetch = (...args) => fetch(...args),
): ChatModel {
  const plainFetch = credentialFetch(provider, baseFetch);
  const p = settings.providers;
  switch (provider) {
    case 'openai':
      return createOpenAIModel(p.openai, plainFetch);
    case 'anthropic':
      return createAnthropicModel(p.anthropic, plainFetch);
    case 'openai-compatible':
      return createOpenAICompatibleModel(p['openai-compatible'], plainFetch);
    case 'azure-openai':
      return createAzureOpenAIModel(p['azure-openai'], {
        getToken: () => gateway.getAccessToken('azure-openai'),
        authFetch: gateway.createAuthenticatedFetch('azure-openai', baseFetch),
        fetch: plainFetch,
      });
    case 'bedrock':
      return createBedrockModel(p.bedrock, { authFetch: gateway.createAuthenticatedFetch('bedrock', baseFetch), fetch: plainFetch });
    case 'vertex':
      return createVertexModel(p.vertex, gateway.createAuthenticatedFetch('vertex', baseFetch));
  }
}
