import { migrateSettings } from './migrations';
import { defaultSettings, parseStoredSettings } from './parse-stored';
import { SETTINGS_VERSION, type SettingsData } from './schema';

/**
 * Turns whatever is stored under SETTINGS_KEY into usable settings: migrated when it is of an older
 * version, repaired field by field, defaults with a notice when it cannot be read at all. Never
 * throws. The pages' store and the service worker both read through this, so they always agree.
 */
export function readStoredSettings(raw: unknown): SettingsData {
  if (!raw || typeof raw !== 'object') return parseStoredSettings(raw ?? undefined);
  const { state, version } = raw as { state?: unknown; version?: unknown };
  if (typeof version === 'number' && version !== SETTINGS_VERSION) {
    const migrated = migrateSettings(state, version);
    return migrated.ok ? parseStoredSettings(migrated.state) : { ...defaultSettings(), notices: [migrated.reason] };
  }
  return parseStoredSettings(state);
}
