import { browser } from 'wxt/browser';
import { SETTINGS_KEY } from './schema';

/** Calls `listener` whenever any context writes the user's settings. Returns the function that stops. */
export function onSettingsChange(listener: () => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
