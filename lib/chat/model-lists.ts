import { create } from 'zustand';
import type { ProviderId } from '../providers/catalog';
import { namedModels } from '../providers/model-name';
import { modelsFor } from '../providers/models';
import type { ModelInfo } from '../providers/types';
import type { ProviderConfigs } from '../settings/schema';

/** Model lists fetched live by the worker, per provider, for this page. */
export const useLiveModels = create<Partial<Record<ProviderId, ModelInfo[]>>>(() => ({}));

/** What the "Model" combobox offers, named: the live list once it has arrived, else the curated or configured one. */
export function offeredModelInfos(provider: ProviderId, configs: ProviderConfigs, live: Partial<Record<ProviderId, ModelInfo[]>>): ModelInfo[] {
  return live[provider] ?? namedModels(provider, modelsFor(provider, configs));
}

/** The IDs of the models offered, in order. */
export function offeredModels(provider: ProviderId, configs: ProviderConfigs, live: Partial<Record<ProviderId, ModelInfo[]>>): readonly string[] {
  return offeredModelInfos(provider, configs, live).map((m) => m.id);
}

/** The model to use: the user's last choice for this provider if it is still offered, else the first. */
export function chooseModel(models: readonly string[], chosen: string | undefined): string | undefined {
  return chosen !== undefined && models.includes(chosen) ? chosen : models[0];
}
