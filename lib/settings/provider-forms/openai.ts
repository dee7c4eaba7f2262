import type { ProviderForm } from '../field-spec';
import type { OpenAIConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';

export const openaiForm: ProviderForm<OpenAIConfig> = {
  defaults: { apiKey: '', baseURL: '', ...GENERATION_DEFAULTS, ...REASONING_DEFAULTS },
  fields: [{ key: 'apiKey', label: 'API key', kind: 'secret', required: true, placeholder: 'sk-…', help: 'Create one at platform.openai.com, under Settings → API keys.' },
    {
      key: 'baseURL',
      label: 'Base URL',
      kind: 'url',
      placeholder: 'https://api.openai.com/v1',
      help: 'Optional. A proxy or gateway in front of the API; empty means https://api.openai.com/v1.',
    },
    ...generationFields<OpenAIConfig>({ maxTemperature: 2, temperatureNote: 'Never sent to OpenAI’s reasoning models (o-series, GPT-5 and later), which take none.' }),
    reasoningField<OpenAIConfig>('Sent to reasoning models only (o-series, GPT-5 and later).'),
  ],
};
