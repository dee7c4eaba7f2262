import type { ProviderForm } from '../field-spec';
import type { OpenAIConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';
import { t } from '../../i18n/t';

export const openaiForm: ProviderForm<OpenAIConfig> = {
  defaults: { apiKey: '', baseURL: '', ...GENERATION_DEFAULTS, ...REASONING_DEFAULTS },
  fields: [{ key: 'apiKey', label: t('field_api_key'), kind: 'secret', required: true, placeholder: 'sk-…', help: t('help_openai_api_key') },
    {
      key: 'baseURL',
      label: t('field_base_url'),
      kind: 'url',
      placeholder: 'https://api.openai.com/v1',
      help: t('help_base_url_default', 'https://api.openai.com/v1'),
    },
    ...generationFields<OpenAIConfig>({ maxTemperature: 2, temperatureNote: t('help_temperature_openai') }),
    reasoningField<OpenAIConfig>(t('help_reasoning_openai')),
  ],
};
