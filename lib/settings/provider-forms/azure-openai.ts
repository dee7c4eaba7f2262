import type { ProviderForm } from '../field-spec';
import type { AzureOpenAIConfig } from '../schema';
import { CONTEXT_DEFAULTS, GENERATION_DEFAULTS, REASONING_DEFAULTS, contextField, generationFields, reasoningField } from './generation-fields';
import { OAUTH_DEFAULTS, oauthFields } from './oauth-fields';
import { SIGN_IN_DEFAULTS, signInOption, inSignInMode, issuerField, keepSignedInField } from './sign-in-fields';
import { t } from '../../i18n/t';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * An Entra tenant's ID or domain. The multi-tenant aliases are refused: their metadata names no
 * single issuer, so an ID token could not be checked against one (OpenID Connect Discovery §4.3).
 */
export function checkTenantId(value: string): string | undefined {
  if (/^(common|organizations|consumers)$/i.test(value))
    return t('check_tenant_alias', value);
  return GUID.test(value) || DOMAIN.test(value) ? undefined : t('check_tenant');
}

/** The newest generally available data-plane API version (Azure OpenAI API lifecycle). */
export const AZURE_DEFAULT_API_VERSION = '2024-10-21';

export const azureOpenAIForm: ProviderForm<AzureOpenAIConfig> = {
  defaults: {
    ...OAUTH_DEFAULTS,
    ...SIGN_IN_DEFAULTS,
    tenantId: '',
    scope: 'https://cognitiveservices.azure.com/.default',
    endpoint: '',
    apiVersion: AZURE_DEFAULT_API_VERSION,
    models: [],
    auth: 'oauth2',
    apiKey: '',
    ...GENERATION_DEFAULTS,
    ...REASONING_DEFAULTS,
    ...CONTEXT_DEFAULTS,
  },
  fields: [
    {
      key: 'endpoint',
      label: t('field_endpoint'),
      kind: 'url',
      required: true,
      placeholder: 'https://my-resource.openai.azure.com',
      help: t('help_azure_endpoint'),
    },
    {
      key: 'apiVersion',
      label: t('field_api_version'),
      kind: 'text',
      required: true,
      check: (v) =>
        /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v) ? undefined : t('check_api_version'),
      help: t('help_azure_api_version'),
    },
    {
      key: 'models',
      label: t('field_models'),
      kind: 'list',
      required: true,
      help: t('help_azure_models'),
    },
    {
      key: 'auth',
      label: t('field_auth'),
      kind: 'select',
      options: [
        { value: 'oauth2', label: t('auth_entra_client_credentials') },
        signInOption(),
        { value: 'api-key', label: t('field_api_key') },
      ],
    },
    {
      key: 'apiKey',
      label: t('field_api_key'),
      kind: 'secret',
      required: true,
      showIf: (d) => d.auth === 'api-key',
      help: t('help_azure_api_key'),
    },
    {
      key: 'tenantId',
      label: t('field_tenant_id'),
      kind: 'text',
      showIf: inSignInMode,
      placeholder: 'contoso.onmicrosoft.com',
      help: t('help_azure_tenant'),
      check: checkTenantId,
    },
    issuerField<AzureOpenAIConfig>({
      required: false,
      placeholder: 'https://login.microsoftonline.com/<tenant>/v2.0',
      help: t('help_azure_issuer'),
    }),
    ...oauthFields<AzureOpenAIConfig>(t('help_azure_scope')),
    keepSignedInField<AzureOpenAIConfig>(),
    ...generationFields<AzureOpenAIConfig>({
      maxTemperature: 2,
      temperatureNote: t('help_temperature_azure'),
    }),
    reasoningField<AzureOpenAIConfig>(t('help_reasoning_azure')),
    contextField<AzureOpenAIConfig>(t('help_context_size_azure')),
  ],
  checkDraft: (draft): Record<string, string> =>
    inSignInMode(draft) && !draft.tenantId?.trim() && !draft.issuer?.trim()
      ? { issuer: t('check_azure_issuer') }
      : {},
};
