import { SETTINGS_KEY, SETTINGS_VERSION, type SettingsData } from '../../lib/settings/schema';
import type { ExtensionSession } from '../../test/e2e/harness/launch';

/** Stores settings as the options page would, from the worker, without driving the form. */
export async function writeSettings(ext: ExtensionSession, settings: SettingsData): Promise<void> {
  const worker = await ext.serviceWorker();
  await worker.evaluate(([key, value]) => chrome.storage.local.set({ [key]: value }), [SETTINGS_KEY, { state: settings, version: SETTINGS_VERSION }] as const);
}
