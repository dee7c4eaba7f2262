import { OAuth2Gateway } from '../auth/oauth2-gateway';
import { alarmScheduler } from '../auth/refresh-alarms';
import { updateTokenStatus } from '../auth/token-status';
import { TokenStore } from '../auth/token-store';
import { allowedGatewayTarget } from './allowed-gateway-target';

/** The worker's one gateway, reading each provider's credentials fresh from the effective settings. */
export function createGateway(): OAuth2Gateway {
  return new OAuth2Gateway({
    target: allowedGatewayTarget,
    tokens: new TokenStore(),
    scheduler: alarmScheduler,
    status: updateTokenStatus,
  });
}
