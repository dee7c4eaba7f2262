import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings, parseStoredSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY } from '@/lib/settings/schema';
import { useSettings } from '@/lib/settings/store';

// An organization's defaultProvider replaces only a provider the user never picked (docs/POLICY.md).
describe('whether the user picked their provider', () => {
  beforeEach(async () => {
    fakeBrowser.reset();
    useSettings.setState({ ...defaultSettings() });
  });

  it('is false on a fresh install', () => {
    expect(defaultSettings().providerChosen).toBe(false);
  });

  it('is stored as it is', () => {
    expect(parseStoredSettings({ provider: 'anthropic', providerChosen: true }).providerChosen).toBe(true);
    expect(parseStoredSettings({ provider: 'openai', providerChosen: false }).providerChosen).toBe(false);
  });

  it('is inferred for settings stored before it existed: a provider other than the built-in default was picked', () => {
    expect(parseStoredSettings({ provider: 'openai' }).providerChosen).toBe(true);
    expect(parseStoredSettings({ provider: 'anthropic' }).providerChosen).toBe(false);
    expect(parseStoredSettings({ provider: 'gemini' }).providerChosen).toBe(false);
  });

  it('becomes true, in storage, when the user picks a provider, and not when they only pick a model', async () => {
    const saved = async () =>
      ((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { state?: { providerChosen: boolean; selectedModels: object } } | undefined)
        ?.state;
    useSettings.getState().setModel('anthropic', 'claude-opus-5-5');
    await vi.waitFor(async () => expect((await saved())?.selectedModels).toEqual({ anthropic: 'claude-opus-5-5' }));
    expect((await saved())?.providerChosen).toBe(false);
    useSettings.getState().setProvider('anthropic');
    await vi.waitFor(async () => expect((await saved())?.providerChosen).toBe(true));
  });
});
