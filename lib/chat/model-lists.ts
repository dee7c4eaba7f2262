import { create } from 'zustand';
import { sendMessage } from '../messaging/protocol';
import { canListLive } from '../providers/can-list-live';
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

/** The live-list request per provider, for the provider's config as it was asked with. */
const requests = new Map<ProviderId, { key: string; done: Promise<void>; settled: boolean }>();

/**
 * Asks the worker for the provider's live model list (once per config; it falls back to the curated
 * list by itself) and puts it in useLiveModels. Resolves when the answer is in, whatever it was.
 */
export function fetchLiveModels(provider: ProviderId, configs: ProviderConfigs): Promise<void> {
  const key = JSON.stringify(configs[provider]);
  const known = requests.get(provider);
  if (known?.key === key) return known.done;
  const request = { key, settled: false, done: Promise.resolve() };
  request.done = sendMessage('listModels', provider).then(
    (list) => {
      // Only the latest config's list: an answer for an earlier config arriving late is dropped.
      if (requests.get(provider) === request && list.live) useLiveModels.setState({ [provider]: list.models });
    },
    () => undefined, // the curated list stays
  ).finally(() => {
    request.settled = true;
  });
  requests.set(provider, request);
  return request.done;
}

/**
 * What a question must wait for before its model is chosen: the provider's live list while it is
 * on its way (undefined when there is none to wait for). Without it, a quick action sent while the
 * panel loads would go to the curated list's first model instead of the one the user picked from
 * the live list, or fail with "No model is selected" on a server whose models are only listed live.
 */
export function liveModelsPending(provider: ProviderId, configs: ProviderConfigs): Promise<void> | undefined {
  if (!canListLive(provider, configs)) return undefined;
  const request = fetchLiveModels(provider, configs);
  if (requests.get(provider)!.settled) return undefined;
  // A list that is slow to come (a worker starting, a server that does not answer /models) must not
  // hold the question: past this, it goes to the model the panel already offers.
  return Promise.race([request, new Promise<void>((resolve) => setTimeout(resolve, LIVE_LIST_WAIT_MS))]);
}

/** The longest a question waits for the provider's live model list. */
export const LIVE_LIST_WAIT_MS = 3000;
