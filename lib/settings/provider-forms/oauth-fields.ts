import type { Draft, FieldSpec } from '../field-spec';
import type { OAuthClientFields } from '../schema';

export const OAUTH_DEFAULTS: OAuthClientFields = {
  tokenEndpoint: '',
  clientId: '',
  clientSecret: '',
  scope: '',
  audience: '',
  resource: '',
  clientAuth: 'basic',
};

const inOAuthMode = (draft: Draft) => draft.auth === 'oauth2';
/** A signed-in user's client is registered too: it has a Client ID and asks for a Scope, but no secret. */
const hasClient = (draft: Draft) => draft.auth === 'oauth2' || draft.auth === 'sign-in';

/**
 * The client-credentials fields, shown when the provider's "Authentication" is OAuth2; the Client
 * ID and Scope also when it is sign-in.
 */
export function oauthFields<C extends OAuthClientFields>(scopeHelp: string): FieldSpec<C>[] {
  return [
    {
      key: 'tokenEndpoint',
      label: 'Token endpoint',
      kind: 'url',
      required: true,
      showIf: inOAuthMode,
      help: 'Your identity provider’s token URL (Entra ID: App registrations → Endpoints → OAuth 2.0 token endpoint (v2)).',
    },
    {
      key: 'clientId',
      label: 'Client ID',
      kind: 'text',
      required: true,
      showIf: hasClient,
      help: 'The app registered for omni-ai (Entra ID: the app’s Overview → Application (client) ID).',
    },
    {
      key: 'clientSecret',
      label: 'Client secret',
      kind: 'secret',
      required: true,
      showIf: inOAuthMode,
      help: 'A secret of that app (Entra ID: Certificates & secrets → New client secret; copy its Value).',
    },
    { key: 'scope', label: 'Scope', kind: 'text', showIf: hasClient, help: scopeHelp },
    {
      key: 'audience',
      label: 'Audience',
      kind: 'text',
      showIf: inOAuthMode,
      help: 'Optional. Sent as "audience" (Auth0, Okta and most API gateways ask for it).',
    },
    {
      key: 'resource',
      label: 'Resource',
      kind: 'text',
      showIf: inOAuthMode,
      help: 'Optional. Sent as "resource" (RFC 8707; Entra ID v1 token endpoints).',
    },
    {
      key: 'clientAuth',
      label: 'Client authentication',
      kind: 'select',
      showIf: inOAuthMode,
      options: [
        { value: 'basic', label: 'HTTP Basic header (client_secret_basic)' },
        { value: 'body', label: 'In the request body (client_secret_post)' },
      ],
    },
  ];
}
