import type { ProviderForm } from '../field-spec';
import type { AzureOpenAIConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';
import { OAUTH_DEFAULTS, oauthFields } from './oauth-fields';

/** The newest generally available data-plane API version (Azure OpenAI API lifecycle). */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

export const azureOpenAIForm: ProviderForm<AzureOpenAIConfig> = {
  defaults: {
    ...OAUTH_DEFAULTS,
    scope: 'https://cognitiveservices.azure.com/.default',
    endpoint: '',
    apiVersion: AZURE_DEFAULT_API_VERSION,
    models: [],
    auth: 'oauth2',
    apiKey: '',
    ...GENERATION_DEFAULTS,
    ...REASONING_DEFAULTS,
  },
  fields: [
    {
      key: 'endpoint',
      label: 'Endpoint',
      kind: 'url',
      required: true,
      placeholder: 'https://my-resource.openai.azure.com',
    },
    {
      key: 'apiVersion',
      label: 'API version',
      kind: 'text',
      required: true,
      check: (v) =>
        /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v) ? undefined : 'must look like YYYY-MM-DD, e.g. 2024-10-21',
    },
    {
      key: 'models',
      label: 'Models',
      kind: 'list',
      required: true,
      help: 'Your deployment names, one per line.',
    },
    {
      key: 'auth',
      label: 'Authentication',
      kind: 'select',
      options: [
        { value: 'oauth2', label: 'Entra ID (OAuth2 client credentials)' },
        { value: 'api-key', label: 'API key' },
      ],
    },
    { key: 'apiKey', label: 'API key', kind: 'secret', required: true, showIf: (d) => d.auth === 'api-key' },
    ...oauthFields<AzureOpenAIConfig>('For Entra ID: https://cognitiveservices.azure.com/.default'),
    ...generationFields<AzureOpenAIConfig>({
      maxTemperature: 2,
      temperatureNote: 'Never sent to deployments named as OpenAI’s reasoning models (o-series, GPT-5 and later); clear it for a reasoning deployment named otherwise.',
    }),
    reasoningField<AzureOpenAIConfig>('Sent as reasoning_effort: only for deployments of reasoning models, which take it.'),
  ],
};
