import type { ProviderId } from './catalog';
import type { BedrockConfig, ProviderConfigs, VertexConfig } from '../settings/schema';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
export const ANTHROPIC_BASE_URL = 'https://api.anthropic.com';
export const GOOGLE_TOKEN_URI = 'https://oauth2.googleapis.com/token';

/** The user's gateway, or the regional Bedrock runtime endpoint. */
export function bedrockBaseURL(config: BedrockConfig): string {
  return config.endpoint || `https://bedrock-runtime.${config.region}.amazonaws.com`;
}

/** The user's private gateway, or Google's endpoint for the location ("global" has no prefix). */
export function vertexBaseURL(config: VertexConfig): string {
  if (config.baseURL) return config.baseURL;
  return config.location === 'global'
    ? 'https://aiplatform.googleapis.com'
    : `https://${config.location}-aiplatform.googleapis.com`;
}

/** A Bedrock runtime operation on one model (or inference profile), under the user's gateway if any. */
export function bedrockModelURL(config: BedrockConfig, model: string, operation: 'converse' | 'converse-stream'): string {
  return `${bedrockBaseURL(config).replace(/\/$/, '')}/model/${encodeURIComponent(model)}/${operation}`;
}

/** A method on a Gemini model in the config's project and location. */
export function vertexModelURL(config: VertexConfig, model: string, method: 'streamGenerateContent' | 'countTokens'): string {
  const path = `projects/${encodeURIComponent(config.projectId)}/locations/${encodeURIComponent(config.location)}/publishers/google/models/${encodeURIComponent(model)}`;
  return `${vertexBaseURL(config).replace(/\/$/, '')}/v1/${path}:${method}`;
}

/** Where a Vertex config gets its tokens: the service-account key's token_uri, or the token endpoint. */
export function vertexTokenEndpoint(config: VertexConfig): string {
  if (config.auth === 'oauth2') return config.tokenEndpoint;
  try {
    const key = JSON.parse(config.serviceAccountKey) as { token_uri?: unknown };
    return typeof key.token_uri === 'string' ? key.token_uri : GOOGLE_TOKEN_URI;
  } catch {
    return GOOGLE_TOKEN_URI;
  }
}

/**
 * Every URL a provider config makes requests to: its API and, for OAuth2, its token endpoint; for
 * sign-in, its issuer (whose discovery, token and key endpoints are on that origin at Entra ID,
 * Okta, Auth0, Keycloak and Ping).
 */
export function providerUrls<P extends ProviderId>(provider: P, config: ProviderConfigs[P]): string[] {
  const c = config as ProviderConfigs[ProviderId];
  switch (provider) {
    case 'openai':
      return [(c as ProviderConfigs['openai']).baseURL || OPENAI_BASE_URL];
    case 'anthropic':
      return [(c as ProviderConfigs['anthropic']).baseURL || ANTHROPIC_BASE_URL];
    case 'openai-compatible':
      return [(c as ProviderConfigs['openai-compatible']).baseURL];
    case 'azure-openai': {
      const azure = c as ProviderConfigs['azure-openai'];
      if (azure.auth === 'sign-in') return [azure.endpoint, signInIssuer(azure)];
      return azure.auth === 'oauth2' ? [azure.endpoint, azure.tokenEndpoint] : [azure.endpoint];
    }
    case 'bedrock': {
      const bedrock = c as BedrockConfig;
      if (bedrock.auth === 'sign-in') return [bedrockBaseURL(bedrock), signInIssuer(bedrock)];
      return bedrock.auth === 'oauth2' ? [bedrockBaseURL(bedrock), bedrock.tokenEndpoint] : [bedrockBaseURL(bedrock)];
    }
    case 'vertex': {
      const vertex = c as VertexConfig;
      if (vertex.auth === 'sign-in') return [vertexBaseURL(vertex), signInIssuer(vertex)];
      return [vertexBaseURL(vertex), vertexTokenEndpoint(vertex)];
    }
  }
  return [];
}

/**
 * Host-permission match patterns for those URLs. Chrome's match patterns ignore the port, so
 * `http://127.0.0.1/*` covers a local server on any port.
 */
export function hostPatterns(urls: string[]): string[] {
  const patterns = new Set<string>();
  for (const url of urls) {
    try {
      const { protocol, hostname } = new URL(url);
      patterns.add(`${protocol}//${hostname}/*`);
    } catch {
      // Unparseable URLs never get this far: validation rejects them first.
    }
  }
  return [...patterns];
}

/** Entra ID's v2.0 issuer for a tenant (its ID or one of its domains). */
export function entraIssuer(tenantId: string): string {
  return `https://login.microsoftonline.com/${encodeURIComponent(tenantId.trim())}/v2.0`;
}

/** The issuer a sign-in uses: the Issuer field, else (Azure) the Tenant ID's Entra issuer; '' when neither. */
export function signInIssuer(config: { issuer: string; tenantId?: string }): string {
  if (config.issuer) return config.issuer;
  return config.tenantId ? entraIssuer(config.tenantId) : '';
}
