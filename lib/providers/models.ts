import type { ProviderId } from './catalog';
import type { ProviderConfigs } from '../settings/schema';

/**
 * Curated model lists for the providers whose models are fixed by the vendor. They are what the
 * "Model" combobox shows before a live list has been fetched (or when it cannot be: offline, no key).
 * The first entry is the provider's default.
 */
export const CURATED_MODELS = {
  anthropic: ['claude-sonnet-5-5', 'claude-opus-5-5', 'claude-haiku-5-5', 'claude-sonnet-4-6'],
  openai: ['gpt-5.5', 'gpt-6.1-sol', 'gpt-5.4-mini', 'gpt-5.4-nano'],
} as const satisfies Partial<Record<ProviderId, readonly string[]>>;

/**
 * The models a provider offers with the given configuration. For Azure (deployments), Bedrock (model
 * IDs and inference profiles), Vertex and OpenAI-compatible servers the user lists them in "Models".
 */
export function modelsFor(provider: ProviderId, configs: ProviderConfigs): readonly string[] {
  switch (provider) {
    case 'openai':
    case 'anthropic':
      return CURATED_MODELS[provider];
    case 'azure-openai':
    case 'bedrock':
    case 'vertex':
    case 'openai-compatible':
      return configs[provider].models;
  }
}
