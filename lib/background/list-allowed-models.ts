import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { ProviderId } from '../providers/catalog';
import { listModels, type ModelList } from '../providers/list-models';
import { loadSettings } from '../settings/load-settings';
import { providerRefusal } from '../settings/policy/refusals';

/** The "Model" list for a provider; none for one the organization hides (no request is made for it). */
export async function listAllowedModels(provider: ProviderId, gateway: OAuth2Gateway): Promise<ModelList> {
  const settings = await loadSettings();
  if (providerRefusal(settings, provider)) return { models: [], live: false };
  return listModels(provider, settings, gateway);
}
