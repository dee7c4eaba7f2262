import type { ProviderForm } from '../field-spec';
import type { OpenAIConfig } from '../schema';

export const openaiForm: ProviderForm<OpenAIConfig> = {
  defaults: { apiKey: '', baseURL: '' },
  fields: [{ key: 'apiKey', label: 'API key', kind: 'secret', required: true, placeholder: 'sk-…' },
    {
      key: 'baseURL',
      label: 'Base URL',
      kind: 'url',
      placeholder: 'https://api.openai.com/v1',
      help: 'Optional. A proxy or gateway in front of the API; empty means https://api.openai.com/v1.',
    },
  ],
};
