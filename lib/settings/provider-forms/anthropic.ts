import type { ProviderForm } from '../field-spec';
import type { AnthropicConfig } from '../schema';

export const anthropicForm: ProviderForm<AnthropicConfig> = {
  defaults: { apiKey: '' },
  fields: [{ key: 'apiKey', label: 'API key', kind: 'secret', required: true, placeholder: 'sk-ant-…' }],
};
