import type { ProviderForm } from '../field-spec';
import type { BedrockConfig } from '../schema';
import { GENERATION_DEFAULTS, generationFields } from './generation-fields';
import { OAUTH_DEFAULTS, oauthFields } from './oauth-fields';
import { SIGN_IN_DEFAULTS, SIGN_IN_OPTION, issuerField, keepSignedInField } from './sign-in-fields';

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
  },
  fields: [
    {
      key: 'region',
      label: 'Region',
      kind: 'text',
      required: true,
      check: (v) => (/^[a-z]{2}(-[a-z]+)+-\d+$/.test(v) ? undefined : 'must be an AWS region such as us-east-1'),
      help: 'Where your models are enabled: the region shown at the top right of the Bedrock console.',
    },
    {
      key: 'endpoint',
      label: 'Endpoint',
      kind: 'url',
      placeholder: 'https://bedrock-runtime.us-east-1.amazonaws.com',
      help: 'Optional. Your gateway in front of Bedrock; empty means the regional Bedrock endpoint.',
    },
    {
      key: 'models',
      label: 'Models',
      kind: 'list',
      required: true,
      help: 'Model IDs or inference profile IDs/ARNs, one per line: Bedrock console → Model catalog (or Cross-region inference) shows each ID.',
    },
    {
      key: 'auth',
      label: 'Authentication',
      kind: 'select',
      options: [
        { value: 'oauth2', label: 'OAuth2 bearer token (through your gateway)' },
        SIGN_IN_OPTION,
        { value: 'api-key', label: 'Bedrock API key' },
      ],
    },
    {
      key: 'apiKey',
      label: 'API key',
      kind: 'secret',
      required: true,
      showIf: (d) => d.auth === 'api-key',
      help: 'A Bedrock API key: Bedrock console → API keys → Generate.',
    },
    issuerField<BedrockConfig>(),
    ...oauthFields<BedrockConfig>('The scope your gateway expects, if any.'),
    keepSignedInField<BedrockConfig>(),
    // Converse has no common reasoning setting (each model family takes its own fields), so none here.
    ...generationFields<BedrockConfig>({ maxTemperature: 1, temperatureNote: 'Never sent to Claude models after Opus 4.6, which take none.' }),
  ],
};
