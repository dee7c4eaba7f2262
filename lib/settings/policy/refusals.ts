import { PROVIDERS, type ProviderId } from '../../providers/catalog';
import type { EffectiveSettings } from '../effective-settings';

/**
 * Why the worker refuses to use a provider, or undefined when it may. The pages never offer a
 * hidden provider; this is the check that holds when a page is stale or a message is forged.
 */
export function providerRefusal(settings: EffectiveSettings, provider: ProviderId): string | undefined {
  if (settings.allowedProviders.includes(provider)) return undefined;
  const offered = settings.allowedProviders.map((id) => PROVIDERS[id].label).join(', ');
  return `Your organization does not allow ${PROVIDERS[provider].label} in omni-ai. Choose one of: ${offered}.`;
}

/** Why the worker refuses to read a page, or undefined when it may. */
export function pageReadingRefusal(settings: EffectiveSettings): string | undefined {
  return settings.allowAddPage
    ? undefined
    : 'Your organization does not allow omni-ai to read pages. Copy the text you need into the message instead.';
}
