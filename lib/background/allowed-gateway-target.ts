import { gatewayTarget } from '../auth/gateway-targets';
import type { GatewayTarget } from '../auth/oauth2-gateway';
import type { ProviderId } from '../providers/catalog';
import { loadSettings } from '../settings/load-settings';
import { providerRefusal } from '../settings/policy/refusals';

/**
 * What the gateway needs for a provider, from the effective settings (policy over the user's). None
 * for a provider the organization hides: the gateway then asks no token endpoint for it, and its
 * next background refresh forgets the tokens it had.
 */
export async function allowedGatewayTarget(provider: ProviderId): Promise<GatewayTarget | undefined> {
  const settings = await loadSettings();
  return providerRefusal(settings, provider) ? undefined : gatewayTarget(provider, settings);
}
