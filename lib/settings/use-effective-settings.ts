import { useSyncExternalStore } from 'react';
import { effectiveSettings, type EffectiveSettings } from './effective-settings';
import { usePolicy } from './policy/policy-store';
import type { Policy } from './policy/types';
import { useSettings, type SettingsState } from './store';

let last: { user: SettingsState; policy: Policy; effective: EffectiveSettings } | undefined;

/**
 * The effective settings in a page: the settings store under the policy store. Computed again only
 * when either store changes, so the result is one stable object between changes (as React's
 * useSyncExternalStore requires). For code outside components, such as the chat store.
 */
export function getEffectiveSettings(): EffectiveSettings {
  const user = useSettings.getState();
  const { policy } = usePolicy.getState();
  if (last?.user !== user || last.policy !== policy) last = { user, policy, effective: effectiveSettings(user, policy) };
  return last.effective;
}

function subscribe(onChange: () => void): () => void {
  const stopSettings = useSettings.subscribe(onChange);
  const stopPolicy = usePolicy.subscribe(onChange);
  return () => {
    stopSettings();
    stopPolicy();
  };
}

/** The effective settings, live: the component renders again when the user's settings or the policy change. */
export function useEffectiveSettings(): EffectiveSettings {
  return useSyncExternalStore(subscribe, getEffectiveSettings);
}
