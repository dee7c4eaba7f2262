import { browser } from 'wxt/browser';
import { readStoredSettings } from './read-stored';
import { openSettingsSecrets } from './seal-settings';
import { SETTINGS_KEY, type SettingsData } from './schema';

/**
 * The settings as the service worker needs them: read fresh from storage each time (a read costs
 * well under a millisecond), migrated and repaired exactly as the pages' store does, never written.
 */
export async function loadSettings(): Promise<SettingsData> {
  return readStoredSettings(await openSettingsSecrets((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]));
}
