import { browser } from 'wxt/browser';
import { sameData } from '../same-data';
import { isFromNewerVersion } from '../settings/read-stored';
import { SETTINGS_KEY } from '../settings/schema';
import { hasPlaintextSecrets, sealSettingsSecrets } from '../settings/seal-settings';

/**
 * Seals the secrets of settings stored in plain text by an omni-ai from before sealing, once, when
 * the background starts after the update (pages seal on their next save anyway; this covers a
 * profile where nobody opens the options). Only the secret fields change; settings a newer omni-ai
 * wrote are left as they are, as everywhere else.
 */
export async function sealStoredSecrets(): Promise<void> {
  const raw = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
  if (!hasPlaintextSecrets(raw) || isFromNewerVersion(raw)) return;
  const sealed = await sealSettingsSecrets(raw);
  // storage.local has no compare-and-set: re-read, so that a page that saved meanwhile keeps its save.
  if (sameData((await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY], raw))
    await browser.storage.local.set({ [SETTINGS_KEY]: sealed });
}
