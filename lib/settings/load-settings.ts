import { browser } from 'wxt/browser';
import { effectiveSettings, type EffectiveSettings } from './effective-settings';
import { readPolicy } from './policy/read-policy';
import { readStoredSettings } from './read-stored';
import { openSettingsSecrets } from './seal-settings';
import { SETTINGS_KEY } from './schema';

/**
 * The settings as the service worker needs them: the user's, read fresh from storage each time (a
 * read costs well under a millisecond), migrated and repaired exactly as the pages' store does,
 * with the administrator's policy on top (docs/POLICY.md). Never written.
 */
export async function loadSettings(): Promise<EffectiveSettings> {
  const [stored, { policy }] = await Promise.all([browser.storage.local.get(SETTINGS_KEY), readPolicy()]);
  return effectiveSettings(readStoredSettings(await openSettingsSecrets(stored[SETTINGS_KEY])), policy);
}
