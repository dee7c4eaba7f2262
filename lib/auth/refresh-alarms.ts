import { browser } from 'wxt/browser';
import { isProviderId, type ProviderId } from '../providers/catalog';

/** One alarm per provider refreshes its token ahead of expiry; alarms survive worker restarts. */
const PREFIX = 'omni-ai:token-refresh:';

export interface RefreshScheduler {
  at(provider: ProviderId, when: number): Promise<void>;
  clear(provider: ProviderId): Promise<void>;
  has(provider: ProviderId): Promise<boolean>;
}

export const alarmScheduler: RefreshScheduler = {
  async at(provider, when) {
    await browser.alarms.create(PREFIX + provider, { when });
  },
  async clear(provider) {
    await browser.alarms.clear(PREFIX + provider);
  },
  async has(provider) {
    return (await browser.alarms.get(PREFIX + provider)) !== undefined;
  },
};

/** The provider whose token an alarm refreshes, or undefined for any other alarm. */
export function providerOfAlarm(name: string): ProviderId | undefined {
  if (!name.startsWith(PREFIX)) return undefined;
  const provider = name.slice(PREFIX.length);
  return isProviderId(provider) ? provider : undefined;
}
