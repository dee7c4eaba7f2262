import type { SettingsData } from '../settings/schema';
import { PROVIDERS, type ProviderId } from './catalog';
import { signInIssuer } from './endpoints';
import { t, type MessageKey } from '../i18n/t';

/**
 * What is missing before a provider can be asked anything, in words that say what to add; undefined
 * when it is set up. Checked before a request, because the SDKs fail on an empty key with messages
 * about environment variables that mean nothing in a browser.
 */
export function missingCredentials(provider: ProviderId, settings: SettingsData): string | undefined {
  const p = settings.providers;
  const label = PROVIDERS[provider].label;
  const add = (what: MessageKey) => t('missing_needs', label, t(what));
  const signIn = (c: { issuer: string; tenantId?: string; clientId: string }) =>
    !signInIssuer(c) || !c.clientId
      ? add(provider === 'azure-openai' ? 'missing_tenant_or_issuer' : 'missing_issuer')
      : undefined;
  switch (provider) {
    case 'openai':
      return p.openai.apiKey ? undefined : add('missing_api_key');
    case 'anthropic':
      return p.anthropic.apiKey ? undefined : add('missing_api_key');
    case 'openai-compatible':
      return p['openai-compatible'].baseURL ? undefined : add('missing_base_url');
    case 'azure-openai': {
      const c = p['azure-openai'];
      if (!c.endpoint) return add('missing_endpoint');
      if (c.auth === 'api-key' && !c.apiKey) return add('missing_api_key');
      if (c.auth === 'sign-in') return signIn(c);
      return c.auth === 'oauth2' && !c.tokenEndpoint ? add('missing_token_endpoint') : undefined;
    }
    case 'bedrock': {
      const c = p.bedrock;
      if (c.auth === 'api-key' && !c.apiKey) return add('missing_bedrock_key');
      if (c.auth === 'sign-in') return signIn(c);
      return c.auth === 'oauth2' && !c.tokenEndpoint ? add('missing_token_endpoint') : undefined;
    }
    case 'vertex': {
      const c = p.vertex;
      if (!c.projectId) return add('missing_project');
      if (c.auth === 'service-account' && !c.serviceAccountKey) return add('missing_service_key');
      if (c.auth === 'sign-in') return signIn(c);
      return c.auth === 'oauth2' && !c.tokenEndpoint ? add('missing_token_endpoint') : undefined;
    }
  }
}
