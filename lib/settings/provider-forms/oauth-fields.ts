import type { Draft, FieldSpec } from '../field-spec';
import type { OAuthClientFields } from '../schema';
import { t } from '../../i18n/t';

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
      label: t('field_token_endpoint'),
      kind: 'url',
      required: true,
      showIf: inOAuthMode,
      help: t('help_token_endpoint'),
    },
    {
      key: 'clientId',
      label: t('field_client_id'),
      kind: 'text',
      required: true,
      showIf: hasClient,
      help: t('help_client_id'),
    },
    {
      key: 'clientSecret',
      label: t('field_client_secret'),
      kind: 'secret',
      required: true,
      showIf: inOAuthMode,
      help: t('help_client_secret'),
    },
    { key: 'scope', label: t('field_scope'), kind: 'text', showIf: hasClient, help: scopeHelp },
    {
      key: 'audience',
      label: t('field_audience'),
      kind: 'text',
      showIf: inOAuthMode,
      help: t('help_audience'),
    },
    {
      key: 'resource',
      label: t('field_resource'),
      kind: 'text',
      showIf: inOAuthMode,
      help: t('help_resource'),
    },
    {
      key: 'clientAuth',
      label: t('field_client_auth'),
      kind: 'select',
      showIf: inOAuthMode,
      options: [
        { value: 'basic', label: t('client_auth_basic') },
        { value: 'body', label: t('client_auth_body') },
      ],
    },
  ];
}
