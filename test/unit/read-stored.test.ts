import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { readStoredSettings } from '@/lib/settings/read-stored';
import { SETTINGS_VERSION } from '@/lib/settings/schema';

// The service worker reads settings with this alone; the pages' store reads through it too.
describe('readStoredSettings', () => {
  it('gives the defaults, with no notice, on a fresh install', () => {
    expect(readStoredSettings(undefined)).toEqual(defaultSettings());
  });

  it('keeps valid current-version settings as they are', () => {
    const settings = { ...defaultSettings(), provider: 'vertex' as const, systemPrompt: 'Be brief.' };
    expect(readStoredSettings({ state: settings, version: SETTINGS_VERSION })).toEqual(settings);
  });

  it('resets only the corrupt fields and names them', () => {
    const read = readStoredSettings({
      state: { provider: 'openai', providers: { openai: { apiKey: 'sk-kept', baseURL: 42 } } },
      version: SETTINGS_VERSION,
    });
    expect(read.providers.openai.apiKey).toBe('sk-kept');
    expect(read.notices).toHaveLength(1);
    expect(read.notices[0]).toMatch(/OpenAI settings could not be read/);
  });

  it('falls back to the defaults with a notice for settings from a newer version', () => {
    const read = readStoredSettings({ state: { provider: 'openai' }, version: SETTINGS_VERSION + 1 });
    expect(read).toEqual({ ...defaultSettings(), notices: [expect.stringMatching(/newer version of omni-ai/)] });
  });

  it('says so when storage holds something that is not settings at all', () => {
    expect(readStoredSettings('garbage').notices).toEqual([
      'Your saved settings could not be read and were replaced by the defaults.',
    ]);
  });
});
