import { gatewayTarget } from '../auth/gateway-targets';
import { OAuth2Gateway } from '../auth/oauth2-gateway';
import { alarmScheduler } from '../auth/refresh-alarms';
import { updateTokenStatus } from '../auth/token-status';
import { TokenStore } from '../auth/token-store';
import { loadSettings } from '../settings/load-settings';

/** The worker's one gateway, reading each provider's credentials fresh from the saved settings. */
export function createGateway(): OAuth2Gateway {
  return new OAuth2Gateway({
    target: async (provider) => gatewayTarget(provider, await loadSettings()),
    tokens: new TokenStore(),
    scheduler: alarmScheduler,
    status: updateTokenStatus,
  });
}
