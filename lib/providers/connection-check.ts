import { AuthError } from '../auth/errors';
import type { ProviderId } from './catalog';
import { credentialFetch } from './credential-fetch';
import { ANTHROPIC_BASE_URL, OPENAI_BASE_URL, bedrockModelURL, vertexModelURL } from './endpoints';
import { ProviderError, networkError, providerErrorFromResponse } from './provider-error';
import type { SettingsData } from '../settings/schema';
import { t } from '../i18n/t';
import { plural } from '../i18n/plural';

export interface CheckDeps {
  /** Attaches the gateway's bearer token (enterprise providers in OAuth2 mode). */
  authFetch: (provider: ProviderId) => typeof fetch;
  /** The network; requests with an API key go through credentialFetch on top of it. */
  fetch: typeof fetch;
}

interface Probe {
  url: string;
  init: RequestInit;
  viaGateway: boolean;
  /** What the probe asks for, for messages ("the deployment gpt-4o"). */
  what: string;
  success: (response: Response) => Promise<string>;
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

const countModels = async (response: Response) => {
  const body = (await response.json()) as { data?: unknown[] };
  return plural('check_models_available', body.data?.length ?? 0);
};

function firstModel(models: string[], kind: string): string {
  const model = models[0];
  if (!model) throw new ProviderError('config', kind === 'deployment' ? t('check_add_deployment') : t('check_add_model'));
  return model;
}

/**
 * The smallest authenticated request each provider offers: a free model list where there is one,
 * Vertex's countTokens, and a 1-token answer from Azure and Bedrock (which also proves the
 * deployment or model exists and may be called).
 */
function probeFor(provider: ProviderId, settings: SettingsData): Probe {
  const p = settings.providers;
  switch (provider) {
    case 'openai':
      return {
        url: `${(p.openai.baseURL || OPENAI_BASE_URL).replace(/\/$/, '')}/models`,
        init: { headers: { authorization: `Bearer ${p.openai.apiKey}` } },
        viaGateway: false,
        what: t('what_models_list'),
        success: countModels,
      };
    case 'anthropic':
      return {
        url: `${(p.anthropic.baseURL || ANTHROPIC_BASE_URL).replace(/\/$/, '')}/v1/models`,
        init: {
          headers: {
            'x-api-key': p.anthropic.apiKey,
            'anthropic-version': '2023-06-01',
            'anthropic-dangerous-direct-browser-access': 'true',
          },
        },
        viaGateway: false,
        what: t('what_models_list'),
        success: countModels,
      };
    case 'openai-compatible': {
      const c = p['openai-compatible'];
      const headers: Record<string, string> = { ...c.headers };
      if (c.apiKey) headers.authorization = `Bearer ${c.apiKey}`;
      return {
        url: `${c.baseURL.replace(/\/$/, '')}/models`,
        init: { headers },
        viaGateway: false,
        what: t('what_models_list'),
        success: countModels,
      };
    }
    case 'azure-openai': {
      const c = p['azure-openai'];
      const deployment = firstModel(c.models, 'deployment');
      const url = `${c.endpoint.replace(/\/$/, '')}/openai/deployments/${encodeURIComponent(deployment)}/chat/completions?api-version=${encodeURIComponent(c.apiVersion)}`;
      const auth: Record<string, string> = c.auth === 'api-key' ? { 'api-key': c.apiKey } : {};
      return {
        url,
        init: json({ messages: [{ role: 'user', content: 'ping' }], max_tokens: 1 }, auth),
        viaGateway: c.auth !== 'api-key',
        what: t('what_deployment', deployment),
        success: async () => `the deployment ${deployment} answered`,
      };
    }
    case 'bedrock': {
      const c = p.bedrock;
      const model = firstModel(c.models, 'model ID');
      const auth: Record<string, string> = c.auth === 'api-key' ? { authorization: `Bearer ${c.apiKey}` } : {};
      return {
        url: bedrockModelURL(c, model, 'converse'),
        init: json({ messages: [{ role: 'user', content: [{ text: 'ping' }] }], inferenceConfig: { maxTokens: 1 } }, auth),
        viaGateway: c.auth !== 'api-key',
        what: t('what_model', model),
        success: async () => `the model ${model} answered`,
      };
    }
    case 'vertex': {
      const c = p.vertex;
      const model = firstModel(c.models, 'model');
      return {
        url: vertexModelURL(c, model, 'countTokens'),
        init: json({ contents: [{ role: 'user', parts: [{ text: 'ping' }] }] }),
        viaGateway: true,
        what: t('what_model', model),
        success: async () => `the model ${model} is reachable`,
      };
    }
  }
}

/** Makes the provider's probe request; resolves to what worked, or throws a ProviderError or AuthError. */
export async function checkConnection(provider: ProviderId, settings: SettingsData, deps: CheckDeps): Promise<string> {
  const probe = probeFor(provider, settings);
  const send = probe.viaGateway ? deps.authFetch(provider) : credentialFetch(provider, deps.fetch);
  let response: Response;
  try {
    response = await send(probe.url, { ...probe.init, signal: AbortSignal.timeout(20_000) });
  } catch (error) {
    // Already in words the user can act on: the gateway's, or a refused redirect.
    if (error instanceof AuthError || error instanceof ProviderError) throw error;
    throw networkError(provider, probe.url, error as Error);
  }
  if (!response.ok) throw await providerErrorFromResponse(provider, response, probe.what);
  return probe.success(response);
}
