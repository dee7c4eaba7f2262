import { PROVIDERS, type ProviderId } from '../providers/catalog';
import { missingCredentials } from '../providers/missing-credentials';
import type { EffectiveSettings } from '../settings/effective-settings';
import { offeredModels } from './model-lists';
import type { ModelChoice } from './chat-store';

export interface ChoiceGroup {
  provider: ProviderId;
  label: string;
  choices: ModelChoice[];
}

/**
 * What "Regenerate with…" offers: every model of every provider the organization allows and the
 * user has set up, the selected provider first, so two models can answer the same question.
 */
export function regenerateChoices(settings: EffectiveSettings, live: Partial<Record<ProviderId, string[]>>): ChoiceGroup[] {
  const order = [settings.provider, ...settings.allowedProviders.filter((p) => p !== settings.provider)];
  return order
    .filter((provider) => settings.allowedProviders.includes(provider) && !missingCredentials(provider, settings))
    .map((provider) => ({
      provider,
      label: PROVIDERS[provider].label,
      choices: offeredModels(provider, settings.providers, live).map((model) => ({ provider, model })),
    }))
    .filter((group) => group.choices.length > 0);
}
