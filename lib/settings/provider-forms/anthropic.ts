import type { ProviderForm } from '../field-spec';
import type { AnthropicConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';

export const anthropicForm: ProviderForm<AnthropicConfig> = {
  defaults: { apiKey: '', baseURL: '', ...GENERATION_DEFAULTS, ...REASONING_DEFAULTS },
  fields: [{ key: 'apiKey', label: 'API key', kind: 'secret', required: true, placeholder: 'sk-ant-…', help: 'Create one in the Anthropic Console (console.anthropic.com), under Settings → API keys.' },
    {
      key: 'baseURL',
      label: 'Base URL',
      kind: 'url',
      placeholder: 'https://api.anthropic.com',
      help: 'Optional. A proxy or gateway in front of the API; empty means https://api.anthropic.com.',
    },
    ...generationFields<AnthropicConfig>({ maxTemperature: 1, temperatureNote: 'Never sent to Claude models after Opus 4.6, which take none.', maxTokensRequired: true }),
    reasoningField<AnthropicConfig>('Claude’s effort: how much it thinks and writes (sent as output_config.effort).'),
  ],
};
