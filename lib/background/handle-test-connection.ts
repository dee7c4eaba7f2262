import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { ProviderId } from '../providers/catalog';
import { PROVIDERS } from '../providers/catalog';
import { checkConnection } from '../providers/connection-check';
import { loadSettings } from '../settings/load-settings';
import { providerRefusal } from '../settings/policy/refusals';
import type { ConnectionResult } from '../messaging/protocol';
import { t } from '../i18n/t';

/** "Test connection": get a token where needed, make one small call, and say what happened. */
export async function testConnection(gateway: OAuth2Gateway, provider: ProviderId): Promise<ConnectionResult> {
  try {
    const settings = await loadSettings();
    const refused = providerRefusal(settings, provider);
    if (refused) return { ok: false, message: refused };
    const detail = await checkConnection(provider, settings, {
      authFetch: (p) => gateway.createAuthenticatedFetch(p),
      fetch: (...args) => fetch(...args),
    });
    return { ok: true, message: t('connected', PROVIDERS[provider].label, detail) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
