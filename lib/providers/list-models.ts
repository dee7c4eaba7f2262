import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { SettingsData } from '../settings/schema';
import { canListLive } from './can-list-live';
import type { ProviderId } from './catalog';
import { modelsFor } from './models';
import { createChatModel } from './registry';

export interface ModelList {
  models: string[];
  /** Whether the list came from the provider just now, or is the curated/configured fallback. */
  live: boolean;
}

const CACHE_MS = 5 * 60_000;
const cache = new Map<string, { at: number; list: ModelList }>();

/**
 * The models to offer for a provider: fetched live where the API lists them (cached for 5 minutes),
 * else the curated or configured list, also when offline or unauthorised.
 */
export async function listModels(provider: ProviderId, settings: SettingsData, gateway: OAuth2Gateway): Promise<ModelList> {
  const fallback: ModelList = { models: [...modelsFor(provider, settings.providers)], live: false };
  if (!canListLive(provider, settings.providers)) return fallback;
  const key = `${provider}:${JSON.stringify(settings.providers[provider])}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.list;
  try {
    const models = await createChatModel(provider, settings, gateway).listModels!(AbortSignal.timeout(5_000));
    if (models.length === 0) return fallback;
    const list = { models, live: true };
    cache.set(key, { at: Date.now(), list });
    return list;
  } catch {
    return fallback;
  }
}
