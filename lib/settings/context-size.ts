import type { ProviderId } from '../providers/catalog';
import { contextTokens } from '../providers/context-sizes';
import type { ContextFields, ProviderConfigs } from './schema';

/**
 * How many tokens a request to `model` of `provider` may fill: the provider's "Context size" where
 * the user or the policy set one (OpenAI-compatible, Azure OpenAI and Bedrock have the field,
 * because their model names may not say), otherwise what the model's name tells
 * (lib/providers/context-sizes.ts). The worker's budget keeps each request within it.
 */
export function contextSizeFor(providers: ProviderConfigs, provider: ProviderId, model: string): number {
  const set = (providers[provider] as Partial<ContextFields>).contextTokens?.trim();
  // The form and the policy parser accept only whole numbers; stored text edited by hand falls back.
  return set && /^\d+$/.test(set) ? Number(set) : contextTokens(model);
}
