import { describe, expect, it } from 'vitest';
import { defaultSettings, parseStoredSettings } from '@/lib/settings/parse-stored';

describe('parseStoredSettings', () => {
  it('gives the defaults, with no notice, when nothing is stored', () => {
    expect(parseStoredSettings(undefined)).toEqual(defaultSettings());
    expect(defaultSettings().provider).toBe('anthropic');
  });

  it.each([['a string'], [42], [[1, 2]]])('replaces unreadable data (%j) by defaults and says so', (stored) => {
    const settings = parseStoredSettings(stored);
    expect(settings.providers).toEqual(defaultSettings().providers);
    expect(settings.notices).toEqual(['Your saved settings could not be read and were replaced by the defaults.']);
  });

  it('resets only the fields that are broken, keeps the rest and names what it reset', () => {
    const settings = parseStoredSettings({
      provider: 'azure-openai',
      selectedModels: { 'azure-openai': 'gpt-4o-prod', nonsense: 'x' },
      providers: {
        anthropic: { apiKey: 'sk-ant-kept' },
        'azure-openai': { endpoint: 'https://r.openai.azure.com', models: 'not-a-list', auth: 'kerberos' },
      },
      notices: [],
    });
    expect(settings.provider).toBe('azure-openai');
    expect(settings.selectedModels).toEqual({ 'azure-openai': 'gpt-4o-prod' });
    expect(settings.providers.anthropic.apiKey).toBe('sk-ant-kept');
    expect(settings.providers['azure-openai'].endpoint).toBe('https://r.openai.azure.com');
    expect(settings.providers['azure-openai'].models).toEqual([]);
    expect(settings.providers['azure-openai'].auth).toBe('oauth2');
    expect(settings.notices).toEqual([
      'Some saved Azure OpenAI settings could not be read and were reset: Models, Authentication. Check them on the options page.',
    ]);
  });

  it('falls back to the default provider when the stored one is unknown, and says so', () => {
    const settings = parseStoredSettings({ provider: 'gemini-direct' });
    expect(settings.provider).toBe('anthropic');
    expect(settings.notices).toEqual(['The saved provider was not recognised; Anthropic is selected.']);
  });

  it('fills fields added since the data was written with their defaults, silently', () => {
    const settings = parseStoredSettings({ provider: 'vertex', providers: { vertex: { projectId: 'p' } } });
    expect(settings.providers.vertex).toMatchObject({ projectId: 'p', location: 'us-central1' });
    expect(settings.notices).toEqual([]);
  });

  it('reads settings stored before the site lists existed as empty lists, with the page text log off', () => {
    expect(parseStoredSettings({ provider: 'openai' }).pageText).toEqual({ allowedSites: [], blockedSites: [], keepLog: false });
  });

  it('keeps each saved site pattern that is still valid and names each one removed', () => {
    const settings = parseStoredSettings({
      pageText: { allowedSites: ['https://*.intranet.example.com/*'], blockedSites: ['https://hr.example.com/*', 'hr.example.com', 7], keepLog: true },
    });
    expect(settings.pageText).toEqual({ allowedSites: ['https://*.intranet.example.com/*'], blockedSites: ['https://hr.example.com/*'], keepLog: true });
    expect(settings.notices).toEqual([
      'Some saved entries of “Sites omni-ai never reads” could not be read and were removed: “hr.example.com”, an entry that is not text. Check the list on the options page.',
    ]);
  });
});
