import type { ProviderId } from '../../providers/catalog';
import type { ProviderForm } from '../field-spec';
import type { ProviderConfigs } from '../schema';
import { anthropicForm } from './anthropic';
import { azureOpenAIForm } from './azure-openai';
import { bedrockForm } from './bedrock';
import { openaiForm } from './openai';
import { openaiCompatibleForm } from './openai-compatible';
import { vertexForm } from './vertex';

export const PROVIDER_FORMS: { [P in ProviderId]: ProviderForm<ProviderConfigs[P]> } = {
  openai: openaiForm,
  anthropic: anthropicForm,
  'azure-openai': azureOpenAIForm,
  bedrock: bedrockForm,
  vertex: vertexForm,
  'openai-compatible': openaiCompatibleForm,
};

export function defaultProviderConfigs(): ProviderConfigs {
  // structuredClone: callers may mutate what they get without touching the defaults.
  return structuredClone({
    openai: openaiForm.defaults,
    anthropic: anthropicForm.defaults,
    'azure-openai': azureOpenAIForm.defaults,
    bedrock: bedrockForm.defaults,
    vertex: vertexForm.defaults,
    'openai-compatible': openaiCompatibleForm.defaults,
  });
}
