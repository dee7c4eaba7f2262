import type { ProviderForm } from '../field-spec';
import type { OpenAICompatibleConfig } from '../schema';
import { CONTEXT_DEFAULTS, GENERATION_DEFAULTS, REASONING_DEFAULTS, contextField, generationFields, reasoningField } from './generation-fields';
import { t } from '../../i18n/t';

export const openaiCompatibleForm: ProviderForm<OpenAICompatibleConfig> = {
  defaults: { baseURL: 'http://localhost:11434/v1', apiKey: '', headers: {}, models: [], ...GENERATION_DEFAULTS, ...REASONING_DEFAULTS, ...CONTEXT_DEFAULTS },
  fields: [
    {
      key: 'baseURL',
      label: t('field_base_url'),
      kind: 'url',
      required: true,
      placeholder: 'http://localhost:11434/v1',
      help: t('help_compatible_base_url'),
    },
    { key: 'apiKey', label: t('field_api_key'), kind: 'secret', help: t('help_compatible_api_key') },
    {
      key: 'headers',
      label: t('field_headers'),
      kind: 'headers',
      help: t('help_compatible_headers'),
    },
    {
      key: 'models',
      label: t('field_models'),
      kind: 'list',
      help: t('help_compatible_models'),
    },
    ...generationFields<OpenAICompatibleConfig>({ maxTemperature: 2, temperatureNote: t('help_temperature_compatible') }),
    reasoningField<OpenAICompatibleConfig>(t('help_reasoning_compatible')),
    contextField<OpenAICompatibleConfig>(t('help_context_size_compatible')),
  ],
};
