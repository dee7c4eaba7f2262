import type { ProviderConfigs } from '../settings/schema';
import type { ProviderId } from './catalog';

/**
 * Whether the provider has what it needs to list models live (the worker then asks its API). The
 * side panel reads it too: a question asked while such a list is on its way waits for it.
 */
export function canListLive(provider: ProviderId, configs: ProviderConfigs): boolean {
  switch (provider) {
    case 'openai':
      return !!configs.openai.apiKey;
    case 'anthropic':
      return !!configs.anthropic.apiKey;
    case 'openai-compatible':
      // The user's own list wins; otherwise ask the server's /models.
      return configs['openai-compatible'].models.length === 0 && !!configs['openai-compatible'].baseURL;
    default:
      return false; // Azure deployments, Bedrock and Vertex models are what the user configured
  }
}
