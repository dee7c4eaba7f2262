import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { TOKEN_STATUS_KEY, readTokenStatuses, type TokenStatus, type TokenStatuses } from '@/lib/auth/token-status';
import type { ProviderId } from '@/lib/providers/catalog';

/** The gateway's status for one provider, live: the worker writes it, storage.onChanged brings it here. */
export function useTokenStatus(provider: ProviderId): TokenStatus | undefined {
  const [all, setAll] = useState<TokenStatuses>({});
  useEffect(() => {
    let live = true;
    void readTokenStatuses().then((statuses) => live && setAll(statuses));
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && TOKEN_STATUS_KEY in changes)
        setAll((changes[TOKEN_STATUS_KEY]!.newValue as TokenStatuses | undefined) ?? {});
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  return all[provider];
}

/** The current time, ticking, for "in 4 min" texts. */
export function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
