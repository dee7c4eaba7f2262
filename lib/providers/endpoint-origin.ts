import type { ProviderConfigs } from '../settings/schema';
import type { ProviderId } from './catalog';
import { providerUrls } from './endpoints';

/**
 * The origin a provider's chat requests go to with this configuration (its API endpoint, not its
 * token endpoint), or undefined when none is configured yet. Page-text recipients named by origin
 * are matched against it (issue 16).
 */
export function endpointOrigin(provider: ProviderId, providers: ProviderConfigs): string | undefined {
  const [api] = providerUrls(provider, providers[provider]);
  if (!api) return undefined;
  try {
    const { protocol, origin } = new URL(api);
    return protocol === 'https:' || protocol === 'http:' ? origin : undefined;
  } catch {
    return undefined;
  }
}
