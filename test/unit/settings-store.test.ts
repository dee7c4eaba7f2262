import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTINGS_KEY, SETTINGS_VERSION } from '@/lib/settings/schema';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { NEWER_SETTINGS_KEPT, useNewerSettingsKept } from '@/lib/settings/newer-settings';
import { openSettingsSecrets } from '@/lib/settings/seal-settings';
import { syncSettingsAcrossPages, useSettings, useSettingsHydrated } from '@/lib/settings/store';

/** What is stored, its secrets opened (they are stored sealed: seal-settings.test.ts). */
async function stored() {
  return (await openSettingsSecrets((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY])) as {
    state: ReturnType<typeof defaultSettings>;
    version: number;
  };
}

/** Waits until the store has re-read storage after a change made elsewhere. */
async function settle() {
  await vi.waitFor(() => expect(useSettingsHydrated.getState()).toBe(true));
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(async () => {
  fakeBrowser.reset();
  useSettings.setState({ ...defaultSettings() });
  await fakeBrowser.storage.local.clear();
});

describe('settings store', () => {
  it('hydrates from storage.local and reports when it has', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { state: { ...defaultSettings(), provider: 'bedrock' }, version: SETTINGS_VERSION },
    });
    await useSettings.persist.rehydrate();
    expect(useSettings.getState().provider).toBe('bedrock');
    expect(useSettingsHydrated.getState()).toBe(true);
  });

  it('writes a model choice to storage, per provider', async () => {
    useSettings.getState().setModel('anthropic', 'claude-opus-5-5');
    useSettings.getState().setProvider('openai');
    await vi.waitFor(async () => expect((await stored()).state.provider).toBe('openai'));
    expect((await stored()).state.selectedModels).toEqual({ anthropic: 'claude-opus-5-5' });
    expect((await stored()).version).toBe(SETTINGS_VERSION);
  });

  it('follows a change another page writes, without a reload', async () => {
    const stop = syncSettingsAcrossPages();
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: {
        state: { ...defaultSettings(), provider: 'vertex', selectedModels: { vertex: 'gemini-2.5-flash' } },
        version: SETTINGS_VERSION,
      },
    });
    await vi.waitFor(() => expect(useSettings.getState().provider).toBe('vertex'));
    expect(useSettings.getState().selectedModels.vertex).toBe('gemini-2.5-flash');
    stop();
  });

  it('does not re-read storage for its own writes', async () => {
    const stop = syncSettingsAcrossPages();
    const rehydrate = vi.spyOn(useSettings.persist, 'rehydrate');
    useSettings.getState().setProvider('openai');
    await vi.waitFor(async () => expect((await stored())?.state.provider).toBe('openai'));
    await settle();
    expect(rehydrate).not.toHaveBeenCalled();
    stop();
  });

  it('does not re-read storage for its own writes of sealed secrets (fresh IVs each time)', async () => {
    await useSettings.getState().saveProviderConfig('openai', { ...defaultSettings().providers.openai, apiKey: 'sk-own' });
    const stop = syncSettingsAcrossPages();
    const rehydrate = vi.spyOn(useSettings.persist, 'rehydrate');
    useSettings.getState().setProvider('openai');
    await vi.waitFor(async () => expect((await stored())?.state.provider).toBe('openai'));
    await settle();
    expect(rehydrate).not.toHaveBeenCalled();
    stop();
  });

  it('saves a provider config whole, and changes nothing when the write fails', async () => {
    const config = { ...defaultSettings().providers.openai, apiKey: 'sk-new' };
    await useSettings.getState().saveProviderConfig('openai', config);
    expect((await stored()).state.providers.openai.apiKey).toBe('sk-new');

    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(
      useSettings.getState().saveProviderConfig('openai', { ...config, apiKey: 'sk-lost' }),
    ).rejects.toThrow('QUOTA_BYTES');
    expect(useSettings.getState().providers.openai.apiKey).toBe('sk-new');
    expect((await stored()).state.providers.openai.apiKey).toBe('sk-new');
  });

  it('stores secrets sealed: storage.local itself holds no plain-text key', async () => {
    await useSettings.getState().saveProviderConfig('openai', { ...defaultSettings().providers.openai, apiKey: 'sk-sealed' });
    const raw = JSON.stringify(await fakeBrowser.storage.local.get(SETTINGS_KEY));
    expect(raw).not.toContain('sk-sealed');
    expect(raw).toContain('omni-ai-sealed:1:');
    await useSettings.persist.rehydrate();
    expect(useSettings.getState().providers.openai.apiKey).toBe('sk-sealed');
  });

  it('repairs corrupt stored data, keeps the notice in storage for every page, and keeps valid fields', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: {
        state: { provider: 'openai', providers: { openai: { apiKey: 'sk-kept' }, bedrock: 'garbage' } },
        version: SETTINGS_VERSION,
      },
    });
    await useSettings.persist.rehydrate();
    const state = useSettings.getState();
    expect(state.provider).toBe('openai');
    expect(state.providers.openai.apiKey).toBe('sk-kept');
    expect(state.notices).toEqual([
      'Some saved AWS Bedrock settings could not be read and were reset: all fields. Check them on the options page.',
    ]);
    await vi.waitFor(async () => expect((await stored()).state.notices).toEqual(state.notices));
    expect((await stored()).state.providers.bedrock).toEqual(defaultSettings().providers.bedrock);
  });

  it('replaces settings from a newer version by defaults with a notice, instead of a blank page', async () => {
    await fakeBrowser.storage.local.set({
      [SETTINGS_KEY]: { state: { provider: 'openai', future: true }, version: SETTINGS_VERSION + 1 },
    });
    await useSettings.persist.rehydrate();
    expect(useSettingsHydrated.getState()).toBe(true);
    expect(useSettings.getState().provider).toBe('anthropic');
    expect(useSettings.getState().notices[0]).toMatch(/newer version of omni-ai/);
    // The notice says an update brings them back: they must still be there.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await stored()).toEqual({ state: { provider: 'openai', future: true }, version: SETTINGS_VERSION + 1 });
  });

  it('keeps a newer version’s settings through a model pick and a dismissed notice, until Replace with defaults', async () => {
    const newer = { state: { provider: 'openai', future: true }, version: SETTINGS_VERSION + 1 };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: newer });
    await useSettings.persist.rehydrate();
    expect(useNewerSettingsKept.getState()).toBe(true);
    const set = vi.spyOn(fakeBrowser.storage.local, 'set');

    useSettings.getState().setModel('anthropic', 'claude-opus-5-5');
    useSettings.getState().setProvider('vertex');
    useSettings.getState().dismissNotices();
    await settle();
    expect(set).not.toHaveBeenCalled();
    expect(await stored()).toEqual(newer);
    // The changes live in memory meanwhile.
    expect(useSettings.getState()).toMatchObject({ provider: 'vertex', selectedModels: { anthropic: 'claude-opus-5-5' }, notices: [] });

    // An explicit save says why it cannot, and what to do; nothing changes anywhere.
    const config = { ...defaultSettings().providers.openai, apiKey: 'sk-new' };
    await expect(useSettings.getState().saveProviderConfig('openai', config)).rejects.toThrow(NEWER_SETTINGS_KEPT);
    await expect(useSettings.getState().saveChatSettings({ systemPrompt: 'x', pageBudget: 5000 })).rejects.toThrow(NEWER_SETTINGS_KEPT);
    expect(useSettings.getState().providers.openai.apiKey).toBe('');
    expect(await stored()).toEqual(newer);

    await useSettings.getState().replaceWithDefaults();
    expect(useNewerSettingsKept.getState()).toBe(false);
    expect(await stored()).toEqual({
      // The provider picked here is kept, as the user's own choice (providerChosen: admin policy's default does not override it).
      state: { ...defaultSettings(), provider: 'vertex', providerChosen: true, selectedModels: { anthropic: 'claude-opus-5-5' } },
      version: SETTINGS_VERSION,
    });
    await useSettings.getState().saveProviderConfig('openai', config);
    expect((await stored()).state.providers.openai.apiKey).toBe('sk-new');
  });

  it('follows another page’s Replace with defaults: its own changes are saved again after', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { state: {}, version: SETTINGS_VERSION + 1 } });
    await useSettings.persist.rehydrate();
    expect(useNewerSettingsKept.getState()).toBe(true);
    const stop = syncSettingsAcrossPages();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { state: defaultSettings(), version: SETTINGS_VERSION } });
    await vi.waitFor(() => expect(useNewerSettingsKept.getState()).toBe(false));
    useSettings.getState().setProvider('bedrock');
    await vi.waitFor(async () => expect((await stored()).state.provider).toBe('bedrock'));
    stop();
  });
});
