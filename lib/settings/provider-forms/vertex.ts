import type { ProviderForm } from '../field-spec';
import type { VertexConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';
import { OAUTH_DEFAULTS, oauthFields } from './oauth-fields';
import { SIGN_IN_DEFAULTS, SIGN_IN_OPTION, issuerField, keepSignedInField } from './sign-in-fields';

export const vertexForm: ProviderForm<VertexConfig> = {
  defaults: {
    ...OAUTH_DEFAULTS,
    ...SIGN_IN_DEFAULTS,
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    projectId: '',
    location: 'us-central1',
    baseURL: '',
    models: ['gemini-2.5-pro', 'gemini-2.5-flash'],
    auth: 'service-account',
    serviceAccountKey: '',
    ...GENERATION_DEFAULTS,
    ...REASONING_DEFAULTS,
  },
  fields: [
    {
      key: 'projectId',
      label: 'Project ID',
      kind: 'text',
      required: true,
      placeholder: 'my-project',
      help: 'In the Google Cloud console: the project picker at the top lists each project’s ID.',
    },
    {
      key: 'location',
      label: 'Location',
      kind: 'text',
      required: true,
      check: (v) => (/^[a-z]+(-[a-z0-9]+)*$/.test(v) ? undefined : 'must be a location such as us-central1 or global'),
      help: 'The region your models run in (Vertex AI → Model Garden shows where each is offered), or global.',
    },
    {
      key: 'baseURL',
      label: 'Base URL',
      kind: 'url',
      help: 'Optional. A private gateway; empty means https://LOCATION-aiplatform.googleapis.com.',
    },
    { key: 'models', label: 'Models', kind: 'list', required: true, help: 'Gemini model IDs, one per line, as Vertex AI → Model Garden names them (e.g. gemini-2.5-pro).' },
    {
      key: 'auth',
      label: 'Authentication',
      kind: 'select',
      options: [
        { value: 'service-account', label: 'Service account key' },
        { value: 'oauth2', label: 'OAuth2 client credentials' },
        SIGN_IN_OPTION,
      ],
    },
    {
      key: 'serviceAccountKey',
      label: 'Service account key',
      kind: 'service-account-key',
      required: true,
      showIf: (d) => d.auth === 'service-account',
      help: 'IAM & Admin → Service accounts → your account (with the Vertex AI User role) → Keys → Add key → JSON. Paste the file: it is signed into short-lived tokens here and never sent anywhere.',
    },
    issuerField<VertexConfig>(),
    ...oauthFields<VertexConfig>('https://www.googleapis.com/auth/cloud-platform'),
    keepSignedInField<VertexConfig>(),
    ...generationFields<VertexConfig>({ maxTemperature: 2 }),
    reasoningField<VertexConfig>('Gemini’s thinking: a thinking budget for Gemini 2.5, the thinking level for later models.'),
  ],
};
