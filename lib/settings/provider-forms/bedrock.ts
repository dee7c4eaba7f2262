import type { ProviderForm } from '../field-spec';
import type { BedrockConfig } from '../schema';
import { CONTEXT_DEFAULTS, GENERATION_DEFAULTS, contextField, generationFields } from './generation-fields';
import { OAUTH_DEFAULTS, oauthFields } from './oauth-fields';
import { SIGN_IN_DEFAULTS, signInOption, issuerField, keepSignedInField } from './sign-in-fields';
import { t } from '../../i18n/t';

export const bedrockForm: ProviderForm<BedrockConfig> = {
  defaults: {
    ...OAUTH_DEFAULTS,
    ...SIGN_IN_DEFAULTS,
    region: 'us-east-1',
    endpoint: '',
    models: ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'us.amazon.nova-pro-v1:0'],
    auth: 'oauth2',
    apiKey: '',
    ...GENERATION_DEFAULTS,
    ...CONTEXT_DEFAULTS,
  },
  fields: [
    {
      key: 'region',
      label: t('field_region'),
      kind: 'text',
      required: true,
      check: (v) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) ? undefined : t('check_region')),
      help: t('help_bedrock_region'),
    },
    {
      key: 'endpoint',
      label: t('field_endpoint'),
      kind: 'url',
      placeholder: 'https://bedrock-runtime.us-east-1.amazonaws.com',
      help: t('help_bedrock_endpoint'),
    },
    {
      key: 'models',
      label: t('field_models'),
      kind: 'list',
      required: true,
      help: t('help_bedrock_models'),
    },
    {
      key: 'auth',
      label: t('field_auth'),
      kind: 'select',
      options: [
        { value: 'oauth2', label: t('auth_bedrock_oauth') },
        signInOption(),
        { value: 'api-key', label: t('auth_bedrock_api_key') },
      ],
    },
    {
      key: 'apiKey',
      label: t('field_api_key'),
      kind: 'secret',
      required: true,
      showIf: (d) => d.auth === 'api-key',
      help: t('help_bedrock_api_key'),
    },
    issuerField<BedrockConfig>(),
    ...oauthFields<BedrockConfig>(t('help_bedrock_scope')),
    keepSignedInField<BedrockConfig>(),
    // Converse has no common reasoning setting (each model family takes its own fields), so none here.
    ...generationFields<BedrockConfig>({ maxTemperature: 1, temperatureNote: t('help_temperature_claude') }),
    contextField<BedrockConfig>(t('help_context_size_bedrock')),
  ],
};
