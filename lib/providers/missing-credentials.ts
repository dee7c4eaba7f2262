import type { SettingsData } from '../settings/schema';
import { PROVIDERS, type ProviderId } from './catalog';
import { signInIssuer } from './endpoints';

/**
 * What is missing before a provider can be asked anything, in words that say what to add; undefined
 * when it is set up. Checked before a request, because the SDKs fail on an empty key with messages
 * about environment variables that mean nothing in a browser.
 */
export function missingCredentials(provider: ProviderId, settings: SettingsData): string | undefined {
  const p = settings.providers;
  const label = PROVIDERS[provider].label;
  const add = (what: string) => `${label} needs ${what}: add it in omni-ai’s options, then press Retry.`;
  const signIn = (c: { issuer: string; tenantId?: string; clientId: string }) =>
    !signInIssuer(c) || !c.clientId
      ? add(`${provider === 'azure-openai' ? 'a Tenant ID or Issuer' : 'an Issuer'} and a Client ID to sign in with`)
      : undefined;
  switch (provider) {
    case 'openai':
      return p.openai.apiKey ? undefined : add('an API key');
    case 'anthropic':
      return p.anthropic.apiKey ? undefined : add('an API key');
    case 'openai-compatible':
      return p['openai-compatible'].baseURL ? undefined : add('a base URL');
    case 'azure-openai': {
      const c = p['azure-openai'];
      if (!c.endpoint) return add('an endpoint');
      if (c.auth === 'api-key' && !c.apiKey) return add('an API key');
      if (c.auth === 'sign-in') return signIn(c);
      return c.auth === 'oauth2' && !c.tokenEndpoint ? add('a token endpoint and client') : undefined;
    }
    case 'bedrock': {
      const c = p.bedrock;
      if (c.auth === 'api-key' && !c.apiKey) return add('a Bedrock API key');
      if (c.auth === 'sign-in') return signIn(c);
      return c.auth === 'oauth2' && !c.tokenEndpoint ? add('a token endpoint and client') : undefined;
    }
    case 'vertex': {
      const c = p.vertex;
      if (!c.projectId) return add('a project ID');
      if (c.auth === 'service-account' && !c.serviceAccountKey) return add('a service account key');
      if (c.auth === 'sign-in') return signIn(c);
      return c.auth === 'oauth2' && !c.tokenEndpoint ? add('a token endpoint and client') : undefined;
    }
  }
}
