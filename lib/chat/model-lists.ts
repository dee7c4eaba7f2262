import { create } from 'zustand';
import type { ProviderId } from '../providers/catalog';
import { modelsFor } from '../providers/models';
import type { ProviderConfigs } from '../settings/schema';

/** Model lists fetched live by the worker, per provider, for this page. */
export const useLiveModels = create<Partial<Record<ProviderId, string[]>>>(() => ({}));

/** What the "Model" combobox offers: the live list once it has arrived, else the curated or configured one. */
export function offeredModels(provider: ProviderId, configs: ProviderConfigs, live: Partial<Record<ProviderId, string[]>>): readonly string[] {
  return live[provider] ?? modelsFor(provider, configs);
}

/** The model to use: the user's last choice for this provider if it is still offered, else the first. */
export function chooseModel(models: readonly string[], chosen: string | undefined): string | undefined {
  return chosen !== undefined && models.includes(chosen) ? chosen : models[0];
}
