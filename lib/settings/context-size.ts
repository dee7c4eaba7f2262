import type { ProviderId } from '../providers/catalog';
import { contextTokens } from '../providers/context-sizes';
import { isTokenCount, MIN_CONTEXT_TOKENS } from './provider-forms/generation-fields';
import type { ContextFields, ProviderConfigs } from './schema';

/**
 * How many tokens a request to `model` of `provider` may fill: the provider's "Context size" where
 * the user or the policy set one (OpenAI-compatible, Azure OpenAI and Bedrock have the field,
 * because their model names may not say), otherwise what the model's name tells
 * (lib/providers/context-sizes.ts). The worker's budget keeps each request within it.
 */
export function contextSizeFor(providers: ProviderConfigs, provider: ProviderId, model: string): number {
  const set = (providers[provider] as Partial<ContextFields>).contextTokens ?? '';
  // The form's own rule (and so the policy parser's): stored text edited by hand past it falls back.
  return isTokenCount(set, MIN_CONTEXT_TOKENS) ? Number(set.trim()) : contextTokens(model);
}
