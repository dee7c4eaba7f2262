import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { SettingsData } from '../settings/schema';
import { canListLive } from './can-list-live';
import type { ProviderId } from './catalog';
import { modelName, namedModels } from './model-name';
import { modelsFor } from './models';
import { createChatModel } from './registry';
import type { ModelInfo } from './types';

export interface ModelList {
  /** In the order to offer them, each with the name to show and the ID to send. */
  models: ModelInfo[];
  /** Whether the list came from the provider just now, or is the curated/configured fallback. */
  live: boolean;
}

const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; list: ModelList }>();

/**
 * The models to offer for a provider: fetched live where the API lists them (cached for 5 minutes),
 * else the curated or configured list, also when offline or unauthorised. A live list's own names
 * win (Anthropic's display_name); where it gives none, the ID's known name.
 */
export async function listModels(provider: ProviderId, settings: SettingsData, gateway: OAuth2Gateway): Promise<ModelList> {
  const fallback: ModelList = { models: namedModels(provider, modelsFor(provider, settings.providers)), live: false };
  if (!canListLive(provider, settings.providers)) return fallback;
  const key = `${provider}:${JSON.stringify(settings.providers[provider])}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.list;
  try {
    const listed = await createChatModel(provider, settings, gateway).listModels!(AbortSignal.timeout(5_000));
    if (listed.length === 0) return fallback;
    const models = listed.map(({ id, name }) => ({ id, name: name && name !== id ? name : modelName(provider, id) }));
    const list = { models, live: true };
    cache.set(key, { at: Date.now(), list });
    return list;
  } catch {
    return fallback;
  }
}
