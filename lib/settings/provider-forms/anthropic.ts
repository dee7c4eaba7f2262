import type { ProviderForm } from '../field-spec';
import type { AnthropicConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';
import { t } from '../../i18n/t';

export const anthropicForm: ProviderForm<AnthropicConfig> = {
  defaults: { apiKey: '', baseURL: '', ...GENERATION_DEFAULTS, ...REASONING_DEFAULTS },
  fields: [{ key: 'apiKey', label: t('field_api_key'), kind: 'secret', required: true, placeholder: 'sk-ant-…', help: t('help_anthropic_api_key') },
    {
      key: 'baseURL',
      label: t('field_base_url'),
      kind: 'url',
      placeholder: 'https://api.anthropic.com',
      help: t('help_base_url_default', 'https://api.anthropic.com'),
    },
    ...generationFields<AnthropicConfig>({ maxTemperature: 1, temperatureNote: t('help_temperature_claude'), maxTokensRequired: true }),
    reasoningField<AnthropicConfig>(t('help_reasoning_anthropic')),
  ],
};
