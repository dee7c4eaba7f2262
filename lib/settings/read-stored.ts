import { migrateSettings } from './migrations';
import { defaultSettings, parseStoredSettings } from './parse-stored';
import { SETTINGS_VERSION, type SettingsData } from './schema';

/** How settings sit in storage: zustand persist's envelope, as written by some version of omni-ai. */
interface Envelope {
  state?: unknown;
  version?: unknown;
}

/** The format version stored data says it has, if it says one. */
function storedVersion(raw: unknown): number | undefined {
  const version = (raw as Envelope | null | undefined)?.version;
  return typeof version === 'number' ? version : undefined;
}

/**
 * Turns whatever is stored under SETTINGS_KEY into usable settings: migrated when it is of an older
 * version, repaired field by field, defaults with a notice when it cannot be read at all. Never
 * throws. The pages' store and the service worker both read through this, so they always agree.
 */
export function readStoredSettings(raw: unknown): SettingsData {
  if (!raw || typeof raw !== 'object') return parseStoredSettings(raw);
  const { state } = raw as Envelope;
  const version = storedVersion(raw);
  if (version !== undefined && version !== SETTINGS_VERSION) {
    const migrated = migrateSettings(state, version);
    return migrated.ok ? parseStoredSettings(migrated.state) : { ...defaultSettings(), notices: [migrated.reason] };
  }
  return parseStoredSettings(state);
}

/** True for settings a newer omni-ai wrote: they are to be left in storage for it to read again. */
export function isFromNewerVersion(raw: unknown): boolean {
  const version = storedVersion(raw);
  return version !== undefined && version > SETTINGS_VERSION;
}
