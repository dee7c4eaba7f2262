import type { ProviderForm } from '../field-spec';
import type { VertexConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';
import { OAUTH_DEFAULTS, oauthFields } from './oauth-fields';
import { SIGN_IN_DEFAULTS, signInOption, issuerField, keepSignedInField } from './sign-in-fields';
import { t } from '../../i18n/t';

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
      label: t('field_project_id'),
      kind: 'text',
      required: true,
      placeholder: 'my-project',
      help: t('help_vertex_project'),
    },
    {
      key: 'location',
      label: t('field_location'),
      kind: 'text',
      required: true,
      check: (v) => (/^[a-z]+(-[a-z0-9]+)*$/.test(v) ? undefined : t('check_location')),
      help: t('help_vertex_location'),
    },
    {
      key: 'baseURL',
      label: t('field_base_url'),
      kind: 'url',
      help: t('help_vertex_base_url'),
    },
    { key: 'models', label: t('field_models'), kind: 'list', required: true, help: t('help_vertex_models') },
    {
      key: 'auth',
      label: t('field_auth'),
      kind: 'select',
      options: [
        { value: 'service-account', label: t('field_service_account_key') },
        { value: 'oauth2', label: t('auth_oauth_client_credentials') },
        signInOption(),
      ],
    },
    {
      key: 'serviceAccountKey',
      label: t('field_service_account_key'),
      kind: 'service-account-key',
      required: true,
      showIf: (d) => d.auth === 'service-account',
      help: t('help_vertex_key'),
    },
    issuerField<VertexConfig>(),
    ...oauthFields<VertexConfig>('https://www.googleapis.com/auth/cloud-platform'),
    keepSignedInField<VertexConfig>(),
    ...generationFields<VertexConfig>({ maxTemperature: 2 }),
    reasoningField<VertexConfig>(t('help_reasoning_vertex')),
  ],
};
