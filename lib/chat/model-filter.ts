import type { ModelInfo } from '../providers/types';

/** A list longer than this gets a filter box above the "Model" combobox. */
export const FILTER_MODELS_FROM = 9;

/**
 * The models whose name or ID holds every word typed (case ignored), in the list's order. The
 * chosen model stays, so the combobox never shows a model that is not the one requests will use.
 */
export function filterModels(models: readonly ModelInfo[], query: string, chosen: string | undefined): ModelInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...models];
  return models.filter((m) => m.id === chosen || words.every((word) => `${m.name} ${m.id}`.toLowerCase().includes(word)));
}

/** What each option reads: the model's name, with its ID after it where two models share a name. */
export function optionLabels(models: readonly ModelInfo[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const m of models) count.set(m.name, (count.get(m.name) ?? 0) + 1);
  return new Map(models.map((m) => [m.id, count.get(m.name)! > 1 && m.name !== m.id ? `${m.name} (${m.id})` : m.name]));
}
