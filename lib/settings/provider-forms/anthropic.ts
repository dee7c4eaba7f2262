import type { ProviderForm } from '../field-spec';
import type { AnthropicConfig } from '../schema';

export const anthropicForm: ProviderForm<AnthropicConfig> = {
  defaults: { apiKey: '', baseURL: '' },
  fields: [{ key: 'apiKey', label: 'API key', kind: 'secret', required: true, placeholder: 'sk-ant-…' },
    {
      key: 'baseURL',
      label: 'Base URL',
      kind: 'url',
      placeholder: 'https://api.anthropic.com',
      help: 'Optional. A proxy or gateway in front of the API; empty means https://api.anthropic.com.',
    },
  ],
};
