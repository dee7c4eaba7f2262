import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { SIGN_IN_STATUS_KEY, readSignInStatuses, type SignInStatus, type SignInStatuses } from '@/lib/auth/sign-in/sign-in-status';
import type { ProviderId } from '@/lib/providers/catalog';

/** Who is signed in to a provider, live: the worker writes it, storage.onChanged brings it here. */
export function useSignInStatus(provider: ProviderId): SignInStatus | undefined {
  const [all, setAll] = useState<SignInStatuses>({});
  useEffect(() => {
    let live = true;
    void readSignInStatuses().then((statuses) => live && setAll(statuses));
    const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area === 'session' && SIGN_IN_STATUS_KEY in changes)
        setAll((changes[SIGN_IN_STATUS_KEY]!.newValue as SignInStatuses | undefined) ?? {});
    };
    browser.storage.onChanged.addListener(listener);
    return () => {
      live = false;
      browser.storage.onChanged.removeListener(listener);
    };
  }, []);
  return all[provider];
}
