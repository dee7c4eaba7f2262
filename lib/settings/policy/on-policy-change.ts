import { browser } from 'wxt/browser';

/**
 * Calls `listener` whenever the administrator's policy changes: Chrome re-reads its policy files
 * and fires `storage.onChanged` for the area "managed" (about 5 s after a file is rewritten, at once
 * when it is removed). Firefox reads policies.json only at start. Returns the function that stops.
 */
export function onPolicyChange(listener: () => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
