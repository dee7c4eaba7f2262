import { PROVIDERS, type ProviderId } from '../../providers/catalog';
import type { EffectiveSettings } from '../effective-settings';
import { t } from '../../i18n/t';

/**
 * Why the worker refuses to use a provider, or undefined when it may. The pages never offer a
 * hidden provider; this is the check that holds when a page is stale or a message is forged.
 */
export function providerRefusal(settings: EffectiveSettings, provider: ProviderId): string | undefined {
  if (settings.allowedProviders.includes(provider)) return undefined;
  const offered = settings.allowedProviders.map((id) => PROVIDERS[id].label).join(', ');
  return t('policy_provider_refused', PROVIDERS[provider].label, offered);
}

/** Why the worker refuses to read a page, or undefined when it may. */
export function pageReadingRefusal(settings: EffectiveSettings): string | undefined {
  return settings.allowAddPage
    ? undefined
    : t('policy_no_reading');
}
