import { browser } from 'wxt/browser';
import { effectiveSettings, type EffectiveSettings } from './effective-settings';
import { readPolicy } from './policy/read-policy';
import { readStoredSettings } from './read-stored';
import { openSettingsSecrets } from './seal-settings';
import { SETTINGS_KEY } from './schema';
import { timedStep } from '../timed-step';

/**
 * The settings as the service worker needs them: the user's, read fresh from storage each time (a
 * read costs well under a millisecond), migrated and repaired exactly as the pages' store does,
 * with the administrator's policy on top (docs/POLICY.md). Never written.
 */
export async function loadSettings(): Promise<EffectiveSettings> {
  // Timed for the cold-worker bench: each is a round trip to the browser process (issue 13 §4).
  const [stored, { policy }] = await Promise.all([
    timedStep('settings-local', () => browser.storage.local.get(SETTINGS_KEY)),
    timedStep('settings-managed', readPolicy),
  ]);
  const opened = await timedStep('settings-unseal', () => openSettingsSecrets(stored[SETTINGS_KEY]));
  return effectiveSettings(readStoredSettings(opened), policy);
}
