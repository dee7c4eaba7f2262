import type { ProviderId } from '../providers/catalog';
import { GOOGLE_TOKEN_URI, bedrockBaseURL, vertexBaseURL } from '../providers/endpoints';
import type { OAuthClientFields, SettingsData } from '../settings/schema';
import type { GatewayTarget } from './oauth2-gateway';
import { signInTarget } from './sign-in/sign-in-target';
import type { ClientCredentialsSource, TokenSource } from './token-source';

const clientCredentials = (c: OAuthClientFields): ClientCredentialsSource => ({
  grant: 'client_credentials',
  tokenEndpoint: c.tokenEndpoint,
  clientId: c.clientId,
  clientSecret: c.clientSecret,
  clientAuth: c.clientAuth,
  scope: c.scope,
  audience: c.audience,
  resource: c.resource,
});

const originOf = (url: string) => new URL(url).origin;

/** OAuth2 client credentials, or the user's sign-in (its refresh token is the credential). */
function clientSource(provider: ProviderId, c: OAuthClientFields & { auth: string }, settings: SettingsData): TokenSource | undefined {
  if (c.auth === 'oauth2') return clientCredentials(c);
  if (c.auth === 'sign-in') return signInTarget(provider, settings)?.source;
  return undefined;
}

/**
 * How the gateway gets a provider's tokens and where they may go, from the saved settings; undefined
 * when the provider does not use OAuth2 (an API key, or a standard provider).
 */
export function gatewayTarget(provider: ProviderId, settings: SettingsData): GatewayTarget | undefined {
  try {
    switch (provider) {
      case 'azure-openai': {
        const c = settings.providers['azure-openai'];
        const source = clientSource(provider, c, settings);
        return source ? { source, apiOrigin: originOf(c.endpoint) } : undefined;
      }
      case 'bedrock': {
        const c = settings.providers.bedrock;
        const source = clientSource(provider, c, settings);
        return source ? { source, apiOrigin: originOf(bedrockBaseURL(c)) } : undefined;
      }
      case 'vertex': {
        const c = settings.providers.vertex;
        const apiOrigin = originOf(vertexBaseURL(c));
        if (c.auth !== 'service-account') {
          const source = clientSource(provider, c, settings);
          return source ? { source, apiOrigin } : undefined;
        }
        const key = JSON.parse(c.serviceAccountKey) as Record<string, string>;
        return {
          source: {
            grant: 'jwt-bearer',
            tokenEndpoint: key.token_uri ?? GOOGLE_TOKEN_URI,
            clientEmail: key.client_email!,
            privateKey: key.private_key!,
            privateKeyId: key.private_key_id,
            scope: c.scope || 'https://www.googleapis.com/auth/cloud-platform',
          },
          apiOrigin,
        };
      }
      default:
        return undefined;
    }
  } catch {
    // An empty endpoint or key: the provider is not set up yet. Save validates both.
    return undefined;
  }
}

/** The providers whose tokens come from the gateway. */
export const ENTERPRISE_PROVIDERS: readonly ProviderId[] = ['azure-openai', 'bedrock', 'vertex'];

/** Whether a provider, as saved, gets its tokens from the gateway (so has a token state to show). */
export function usesGateway(provider: ProviderId, settings: Pick<SettingsData, 'providers'>): boolean {
  switch (provider) {
    case 'azure-openai':
      return settings.providers['azure-openai'].auth !== 'api-key';
    case 'bedrock':
      return settings.providers.bedrock.auth !== 'api-key';
    case 'vertex':
      return true;
    default:
      return false;
  }
}
