import { PROVIDERS, type ProviderId } from '../providers/catalog';
import { missingCredentials } from '../providers/missing-credentials';
import type { EffectiveSettings } from '../settings/effective-settings';
import type { ModelInfo } from '../providers/types';
import { offeredModelInfos } from './model-lists';
import type { ModelChoice } from './chat-store';

export interface ChoiceGroup {
  provider: ProviderId;
  label: string;
  /** Each with the name to show (media's display names) beside the ID to send. */
  choices: (ModelChoice & { name: string })[];
}

/**
 * What "Regenerate with…" offers: every model of every provider the organization allows and the
 * user has set up, the selected provider first, so two models can answer the same question.
 */
export function regenerateChoices(settings: EffectiveSettings, live: Partial<Record<ProviderId, ModelInfo[]>>): ChoiceGroup[] {
  const order = [settings.provider, ...settings.allowedProviders.filter((p) => p !== settings.provider)];
  return order
    .filter((provider) => settings.allowedProviders.includes(provider) && !missingCredentials(provider, settings))
    .map((provider) => ({
      provider,
      label: PROVIDERS[provider].label,
      choices: offeredModelInfos(provider, settings.providers, live).map(({ id, name }) => ({ provider, model: id, name })),
    }))
    .filter((group) => group.choices.length > 0);
}
