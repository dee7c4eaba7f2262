import { browser } from 'wxt/browser';
import { create } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';
import type { ProviderId } from '../providers/catalog';
import { sameData } from '../same-data';
import { NEWER_SETTINGS_KEPT, useNewerSettingsKept } from './newer-settings';
import { defaultSettings } from './parse-stored';
import { isFromNewerVersion, readStoredSettings } from './read-stored';
import { openSettingsSecrets, sealSettingsSecrets, wasSealedHere } from './seal-settings';
import { SETTINGS_KEY, SETTINGS_VERSION, type ProviderConfigs, type SettingsData } from './schema';

export interface SettingsState extends SettingsData {
  setProvider: (provider: ProviderId) => void;
  setModel: (provider: ProviderId, model: string) => void;
  /**
   * Replaces one provider's config. Storage is written first and memory only after it succeeded, so
   * a failed save changes nothing anywhere: no half-saved settings.
   */
  saveProviderConfig: <P extends ProviderId>(provider: P, config: ProviderConfigs[P]) => Promise<void>;
  /** Saves the chat settings (system prompt and page budget) in one write. */
  saveChatSettings: (chat: Pick<SettingsData, 'systemPrompt' | 'pageBudget'>) => Promise<void>;
  /** Saves the user's site lists and whether to keep the list of page text sent. */
  savePageText: (pageText: SettingsData['pageText']) => Promise<void>;
  /** Saves the quick actions (prompts, the `{{language}}` setting); storage first, as above. */
  savePromptSettings: (change: Partial<Pick<SettingsData, 'prompts' | 'promptLanguage'>>) => Promise<void>;
  dismissNotices: () => void;
  /**
   * Stores this page's settings (the defaults, with any change made here since) over settings a
   * newer omni-ai saved: the one write allowed while those are kept.
   */
  replaceWithDefaults: () => Promise<void>;
}

/** What was last read from storage, to tell whether hydration repaired anything worth writing back. */
let lastRead: unknown;

const stored = (data: SettingsData): StorageValue<SettingsData> => ({ state: data, version: SETTINGS_VERSION });

/**
 * Stores the object itself (not a JSON string) so storage stays readable in DevTools. Reading
 * migrates and repairs through readStoredSettings, the same function the service worker uses, so
 * zustand always gets current-version data and its own `migrate` is never needed.
 */
const localArea: PersistStorage<SettingsData> = {
  async getItem(name) {
    const items = await browser.storage.local.get(name);
    lastRead = await openSettingsSecrets(items[name]);
    useNewerSettingsKept.setState(isFromNewerVersion(lastRead), true);
    return stored(readStoredSettings(lastRead));
  },
  // zustand's own writes, after any change (a model pick, a dismissed notice): incidental, so never
  // over a newer omni-ai's settings; the change stays in memory.
  async setItem(name, value) {
    if (isFromNewerVersion(lastRead)) return;
    await browser.storage.local.set({ [name]: await sealSettingsSecrets(value) });
  },
  async removeItem(name) {
    await browser.storage.local.remove(name);
  },
};

/** An explicit save: refused, with what to do, while a newer omni-ai's settings are kept. */
async function save(data: SettingsData): Promise<void> {
  if (isFromNewerVersion(lastRead)) throw new Error(NEWER_SETTINGS_KEPT);
  await localArea.setItem(SETTINGS_KEY, stored(data));
}

/** True once the stored settings have been read: pages wait for it rather than flash the defaults. */
export const useSettingsHydrated = create(() => false);

export const useSettings = create<SettingsState>()(
  persist<SettingsState, [], [], SettingsData>(
    (set, get) => ({
      ...defaultSettings(),
      setProvider: (provider) => set({ provider, providerChosen: true }),
      setModel: (provider, model) =>
        set((state) => ({ selectedModels: { ...state.selectedModels, [provider]: model } })),
      saveProviderConfig: async (provider, config) => {
        const providers = { ...get().providers, [provider]: config };
        await save({ ...persistedPart(get()), providers });
        set({ providers });
      },
      saveChatSettings: async (chat) => {
        await save({ ...persistedPart(get()), ...chat });
        set(chat);
      },
      savePageText: async (pageText) => {
        await save({ ...persistedPart(get()), pageText });
        set({ pageText });
      },
      savePromptSettings: async (change) => {
        await save({ ...persistedPart(get()), ...change });
        set(change);
      },
      dismissNotices: () => set({ notices: [] }),
      replaceWithDefaults: async () => {
        const replacement = stored({ ...persistedPart(get()), notices: [] });
        // The one write allowed over a newer omni-ai's settings, so it bypasses setItem's guard; its
        // secrets are sealed like every other write's.
        await browser.storage.local.set({ [SETTINGS_KEY]: await sealSettingsSecrets(replacement) });
        lastRead = replacement;
        useNewerSettingsKept.setState(false, true);
        set({ notices: [] });
      },
    }),
    {
      name: SETTINGS_KEY,
      version: SETTINGS_VERSION,
      storage: localArea,
      partialize: persistedPart,
      onRehydrateStorage: () => (state) => {
        useSettingsHydrated.setState(true, true);
        // Parsing repaired something (a reset field, a notice): store the repair so every page agrees.
        // Never over settings from a newer omni-ai: the notice promises they come back with an update.
        if (state && lastRead !== undefined && !isFromNewerVersion(lastRead) && !sameData(lastRead, stored(persistedPart(state))))
          void localArea.setItem(SETTINGS_KEY, stored(persistedPart(state)));
      },
    },
  ),
);

function persistedPart(state: SettingsData): SettingsData {
  const { provider, providerChosen, selectedModels, providers, systemPrompt, pageBudget, pageText, prompts, promptLanguage, notices } = state;
  return { provider, providerChosen, selectedModels, providers, systemPrompt, pageBudget, pageText, prompts, promptLanguage, notices };
}

/**
 * Keeps this page's store in step with every other page: when another context writes the settings,
 * re-read them. Our own writes come back as change events too; they equal what we hold and are skipped.
 * Returns the function that stops listening.
 */
export function syncSettingsAcrossPages(): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area !== 'local' || !(SETTINGS_KEY in changes)) return;
    const { newValue } = changes[SETTINGS_KEY]!;
    // Our own writes carry secrets sealed with fresh IVs: recognise them as written, not by content.
    if (wasSealedHere(newValue) || sameData(newValue, stored(persistedPart(useSettings.getState())))) return;
    void useSettings.persist.rehydrate();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
