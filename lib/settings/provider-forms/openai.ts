import type { ProviderForm } from '../field-spec';
import type { OpenAIConfig } from '../schema';

export const openaiForm: ProviderForm<OpenAIConfig> = {
  defaults: { apiKey: '' },
  fields: [{ key: 'apiKey', label: 'API key', kind: 'secret', required: true, placeholder: 'sk-…' }],
};
