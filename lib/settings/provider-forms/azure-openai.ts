import type { ProviderForm } from '../field-spec';
import type { AzureOpenAIConfig } from '../schema';
import { GENERATION_DEFAULTS, REASONING_DEFAULTS, generationFields, reasoningField } from './generation-fields';
import { OAUTH_DEFAULTS, oauthFields } from './oauth-fields';
import { SIGN_IN_DEFAULTS, SIGN_IN_OPTION, inSignInMode, issuerField, keepSignedInField } from './sign-in-fields';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/**
 * An Entra tenant's ID or domain. The multi-tenant aliases are refused: their metadata names no
 * single issuer, so an ID token could not be checked against one (OpenID Connect Discovery §4.3).
 */
export function checkTenantId(value: string): string | undefined {
  if (/^(common|organizations|consumers)$/i.test(value))
    return `must be your organisation’s own tenant, not "${value}": enter its ID (a GUID) or domain`;
  return GUID.test(value) || DOMAIN.test(value) ? undefined : 'must be a tenant ID (a GUID) or domain, e.g. contoso.onmicrosoft.com';
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
  },
  fields: [
    {
      key: 'endpoint',
      label: 'Endpoint',
      kind: 'url',
      required: true,
      placeholder: 'https://my-resource.openai.azure.com',
      help: 'In the Azure portal: your Azure OpenAI resource → Keys and Endpoint → Endpoint.',
    },
    {
      key: 'apiVersion',
      label: 'API version',
      kind: 'text',
      required: true,
      check: (v) =>
        /^\d{4}-\d{2}-\d{2}(-preview)?$/.test(v) ? undefined : 'must look like YYYY-MM-DD, e.g. 2024-10-21',
      help: 'The data-plane API version (Azure OpenAI’s API version lifecycle page lists them); the default is the newest generally available one.',
    },
    {
      key: 'models',
      label: 'Models',
      kind: 'list',
      required: true,
      help: 'Your deployment names, one per line: Azure AI Foundry → your resource → Deployments (the Name column).',
    },
    {
      key: 'auth',
      label: 'Authentication',
      kind: 'select',
      options: [
        { value: 'oauth2', label: 'Entra ID (OAuth2 client credentials)' },
        SIGN_IN_OPTION,
        { value: 'api-key', label: 'API key' },
      ],
    },
    {
      key: 'apiKey',
      label: 'API key',
      kind: 'secret',
      required: true,
      showIf: (d) => d.auth === 'api-key',
      help: 'In the Azure portal: your resource → Keys and Endpoint → KEY 1 or KEY 2.',
    },
    {
      key: 'tenantId',
      label: 'Tenant ID',
      kind: 'text',
      showIf: inSignInMode,
      placeholder: 'contoso.onmicrosoft.com',
      help: 'Your Entra ID tenant: its ID or domain. It fills the Issuer: https://login.microsoftonline.com/<tenant>/v2.0.',
      check: checkTenantId,
    },
    issuerField<AzureOpenAIConfig>({
      required: false,
      placeholder: 'https://login.microsoftonline.com/<tenant>/v2.0',
      help: 'Leave empty to use the Tenant ID’s. Set it to sign in through another OpenID Connect provider.',
    }),
    ...oauthFields<AzureOpenAIConfig>('For Entra ID: https://cognitiveservices.azure.com/.default'),
    keepSignedInField<AzureOpenAIConfig>(),
    ...generationFields<AzureOpenAIConfig>({
      maxTemperature: 2,
      temperatureNote: 'Never sent to deployments named as OpenAI’s reasoning models (o-series, GPT-5 and later); clear it for a reasoning deployment named otherwise.',
    }),
    reasoningField<AzureOpenAIConfig>('Sent as reasoning_effort: only for deployments of reasoning models, which take it.'),
  ],
  checkDraft: (draft): Record<string, string> =>
    inSignInMode(draft) && !draft.tenantId?.trim() && !draft.issuer?.trim()
      ? { issuer: 'Issuer is required: enter the Tenant ID, or the Issuer of your OpenID Connect provider.' }
      : {},
};
