import { defaultSettings } from '../../lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION, type SettingsData } from '../../lib/settings/schema';
import type { ExtensionSession } from '../../test/e2e/harness/launch';

/** Stores settings as the options page would, from the worker, without driving the form. */
export function writeSettings(ext: ExtensionSession, settings: SettingsData): Promise<void> {
  return storeEntry(ext, { state: settings, version: SETTINGS_VERSION });
}

/** Stores settings that talk to `baseURL` (the bench server's `/v1`) as an OpenAI-compatible provider with one model, bench-model. */
export function writeBenchModelSettings(ext: ExtensionSession, baseURL: string): Promise<void> {
  const settings = defaultSettings();
  settings.provider = 'openai-compatible';
  settings.providers['openai-compatible'] = { ...settings.providers['openai-compatible'], baseURL, apiKey: '', headers: {}, models: ['bench-model'] };
  return writeSettings(ext, settings);
}

/** The settings' entry in storage.local, as it is stored (persisted state and its version). */
async function storeEntry(ext: ExtensionSession, entry: unknown): Promise<void> {
  const worker = await ext.serviceWorker();
  await worker.evaluate(([key, value]) => chrome.storage.local.set({ [key]: value }), [SETTINGS_KEY, entry] as const);
}

/**
 * Runs a section with settings of its own and puts back the stored ones after, so the sections
 * that follow still talk to the bench server. (The gateway section left Azure OpenAI chosen, with
 * its fake server closed: every later answer in the full run was a connection error, and 4b waited
 * for a first token that never came.)
 */
export async function withOwnSettings<T>(ext: ExtensionSession, work: () => Promise<T>): Promise<T> {
  const worker = await ext.serviceWorker();
  const stored = await worker.evaluate((key) => chrome.storage.local.get(key).then((all) => all[key] as unknown), SETTINGS_KEY);
  try {
    return await work();
  } finally {
    await storeEntry(ext, stored);
  }
}
