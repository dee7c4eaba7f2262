import { browser } from 'wxt/browser';
import { migrateSettings } from './migrations';
import { defaultSettings, parseStoredSettings } from './parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION, type SettingsData } from './schema';

/**
 * The settings as the service worker needs them: read fresh from storage each time (a read costs
 * well under a millisecond), migrated and repaired exactly as the pages' store does, never written.
 */
export async function loadSettings(): Promise<SettingsData> {
  const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as
    | { state?: unknown; version?: unknown }
    | undefined;
  if (!stored || typeof stored !== 'object') return defaultSettings();
  if (typeof stored.version === 'number' && stored.version !== SETTINGS_VERSION) {
    const migrated = migrateSettings(stored.state, stored.version);
    return migrated.ok ? parseStoredSettings(migrated.state) : defaultSettings();
  }
  return parseStoredSettings(stored.state);
}
