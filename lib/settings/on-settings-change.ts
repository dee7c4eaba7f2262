import { browser } from 'wxt/browser';
import { SETTINGS_KEY } from './schema';

/**
 * Calls `listener` whenever the user's stored settings change (another provider picked, an endpoint
 * saved, a site list edited), in whichever page. Returns the function that stops.
 */
export function onSettingsChange(listener: () => void): () => void {
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
