import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { sealStoredSecrets } from '@/lib/background/seal-stored-secrets';
import { loadSettings } from '@/lib/settings/load-settings';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION, type SettingsData } from '@/lib/settings/schema';
import { hasPlaintextSecrets, openSettingsSecrets, sealSettingsSecrets, wasSealedHere } from '@/lib/settings/seal-settings';
import { forgetCachedKey } from '@/lib/settings/secret-box';
import { effectiveSettings } from '@/lib/settings/effective-settings';

function settings(): SettingsData {
  const s = defaultSettings();
  s.provider = 'azure-openai';
  s.providers.anthropic.apiKey = 'sk-ant-secret';
  s.providers['azure-openai'] = {
    ...s.providers['azure-openai'],
    endpoint: 'https://contoso.openai.azure.com',
    models: ['gpt-4o-prod'],
    tokenEndpoint: 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
    clientId: 'azure-app',
    clientSecret: 'azure-client-secret',
  };
  s.providers.vertex.serviceAccountKey = '{"type":"service_account","private_key":"-----BEGIN PRIVATE KEY-----"}';
  s.providers['openai-compatible'].apiKey = 'local-key';
  return s;
}
const SECRETS = ['sk-ant-secret', 'azure-client-secret', 'BEGIN PRIVATE KEY', 'local-key'];
const envelope = <S,>(state: S) => ({ state, version: SETTINGS_VERSION });

/** Whether this page is in a private window (the fake browser's read-only flag, set for the test). */
function privateWindow(value: boolean) {
  Object.defineProperty(fakeBrowser.extension, 'inIncognitoContext', { value, configurable: true });
}

async function deleteKeyStore() {
  forgetCachedKey();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('omni-ai-secrets');
    request.onsuccess = request.onerror = resolve;
  });
}

beforeEach(async () => {
  fakeBrowser.reset();
  privateWindow(false);
  await deleteKeyStore();
});

describe('sealed settings', () => {
  it('seals every secret field and nothing else, and opens back to the same settings', async () => {
    const sealed = await sealSettingsSecrets(envelope(settings()));
    const text = JSON.stringify(sealed);
    for (const secret of SECRETS) expect(text).not.toContain(secret);
    expect(sealed.state.providers['azure-openai']).toMatchObject({ endpoint: 'https://contoso.openai.azure.com', clientId: 'azure-app' });
    expect(sealed.state.providers.openai.apiKey).toBe(''); // nothing to hide
    expect(hasPlaintextSecrets(sealed)).toBe(false);
    expect(await openSettingsSecrets(sealed)).toEqual(envelope(settings()));
  });

  it('opens settings whose keys come back in another order, as Chrome returns stored objects', async () => {
    const sealed = await sealSettingsSecrets(envelope(settings()));
    const azure = sealed.state.providers['azure-openai'];
    const reordered = Object.fromEntries(Object.entries(azure).reverse());
    const opened = (await openSettingsSecrets({ ...sealed, state: { ...sealed.state, providers: { ...sealed.state.providers, 'azure-openai': reordered } } })) as ReturnType<typeof envelope>;
    expect((opened.state as SettingsData).providers['azure-openai'].clientSecret).toBe('azure-client-secret');
  });

  it('reads plain-text secrets stored before sealing existed, as they are', async () => {
    const legacy = envelope(settings());
    expect(hasPlaintextSecrets(legacy)).toBe(true);
    expect(await openSettingsSecrets(legacy)).toEqual(legacy);
  });

  it('a secret whose provider settings were changed from outside omni-ai does not open; the rest is kept, with a notice', async () => {
    const sealed = await sealSettingsSecrets(envelope(settings()));
    // What a content script on Firefox could write: the token endpoint pointed at its own server.
    sealed.state.providers['azure-openai'].tokenEndpoint = 'https://evil.example/token';
    const opened = (await openSettingsSecrets(sealed)) as { state: SettingsData };
    expect(opened.state.providers['azure-openai'].clientSecret).toBe('');
    expect(opened.state.providers.anthropic.apiKey).toBe('sk-ant-secret');
    expect(opened.state.providers.vertex.serviceAccountKey).toBe(settings().providers.vertex.serviceAccountKey);
    expect(opened.state.notices).toEqual([
      'omni-ai could not decrypt the saved Azure OpenAI Client secret (it does not open with this browser profile’s key, or its settings were changed from outside omni-ai). Enter it again in the options and save; your other settings are kept.',
    ]);
  });

  it('a lost key gives a notice naming every secret, keeps every other setting, and a later save keeps the sealed values', async () => {
    const sealed = await sealSettingsSecrets(envelope(settings()));
    await deleteKeyStore(); // e.g. the extension's IndexedDB was cleared: a new key is made
    const opened = (await openSettingsSecrets(sealed)) as { state: SettingsData };
    expect(opened.state.notices).toEqual([
      'omni-ai could not decrypt the saved Anthropic API key, Azure OpenAI Client secret, Google Vertex AI Service account key, OpenAI-compatible API key (it does not open with this browser profile’s key, or its settings were changed from outside omni-ai). Enter them again in the options and save; your other settings are kept.',
    ]);
    expect({ ...opened.state, notices: [] }).toEqual({
      ...settings(),
      providers: {
        ...settings().providers,
        anthropic: { ...settings().providers.anthropic, apiKey: '' },
        'azure-openai': { ...settings().providers['azure-openai'], clientSecret: '' },
        vertex: { ...settings().providers.vertex, serviceAccountKey: '' },
        'openai-compatible': { ...settings().providers['openai-compatible'], apiKey: '' },
      },
    });

    // Saving something else (the user picks another provider) must not overwrite them with ''.
    const resaved = await sealSettingsSecrets(envelope({ ...opened.state, provider: 'anthropic' }));
    expect(resaved.state.providers.anthropic.apiKey).toBe(sealed.state.providers.anthropic.apiKey);
    // A secret typed again replaces the one that was lost.
    const retyped = await sealSettingsSecrets(envelope({ ...opened.state, providers: { ...opened.state.providers, anthropic: { apiKey: 'sk-new', baseURL: '' } } }));
    expect(((await openSettingsSecrets(retyped)) as { state: SettingsData }).state.providers.anthropic.apiKey).toBe('sk-new');
  });

  it('a key store that cannot be opened gives the notice and the rest of the settings', async () => {
    const sealed = await sealSettingsSecrets(envelope(settings()));
    forgetCachedKey();
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    const opened = (await openSettingsSecrets(sealed)) as { state: SettingsData };
    expect(opened.state.notices[0]).toContain('(omni-ai’s key store (IndexedDB) cannot be opened: The operation is insecure.)');
    expect(opened.state.providers['azure-openai'].endpoint).toBe('https://contoso.openai.azure.com');
  });

  it('in a private window (no IndexedDB in Firefox) says so, keeps the sealed secrets, and refuses to seal new ones', async () => {
    const sealed = await sealSettingsSecrets(envelope(settings()));
    forgetCachedKey();
    privateWindow(true);
    vi.spyOn(indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError');
    });
    const opened = (await openSettingsSecrets(sealed)) as { state: SettingsData };
    expect(opened.state.notices[0]).toContain(
      '(a private window cannot reach omni-ai’s key store; the saved secrets still work, and can be changed from a normal window)',
    );
    // The side panel there writes the settings (a model choice): the sealed secrets go back as they were.
    const written = await sealSettingsSecrets(envelope({ ...opened.state, notices: [] }));
    expect(written.state.providers.anthropic.apiKey).toBe(sealed.state.providers.anthropic.apiKey);
    // A secret typed there is not sealed with a key the background could never read: the save fails, saying why.
    const typed = envelope({ ...opened.state, providers: { ...opened.state.providers, anthropic: { apiKey: 'sk-private', baseURL: '' } } });
    await expect(sealSettingsSecrets(typed)).rejects.toThrow('a private window cannot reach omni-ai’s key store');
  });
});

describe('telling this page’s own writes', () => {
  it('knows an envelope it sealed secrets into, but not one without secrets that another page may write too', async () => {
    const withSecrets = await sealSettingsSecrets(envelope(settings()));
    expect(wasSealedHere(withSecrets)).toBe(true);
    // Settings without a secret store the same from any page: they must be compared, not claimed.
    const plain = await sealSettingsSecrets(envelope(defaultSettings()));
    expect(wasSealedHere(plain)).toBe(false);
    expect(wasSealedHere(envelope(defaultSettings()))).toBe(false);
  });
});

describe('the worker', () => {
  it('reads sealed settings opened (loadSettings)', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: await sealSettingsSecrets(envelope(settings())) });
    expect(await loadSettings()).toEqual(effectiveSettings(settings(), {}));
  });

  it('seals the plain-text secrets an older omni-ai stored, once, changing nothing else', async () => {
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: envelope(settings()) });
    await sealStoredSecrets();
    const raw = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    for (const secret of SECRETS) expect(JSON.stringify(raw)).not.toContain(secret);
    expect(await loadSettings()).toEqual(effectiveSettings(settings(), {}));

    const set = vi.spyOn(fakeBrowser.storage.local, 'set');
    await sealStoredSecrets(); // already sealed: no write
    expect(set).not.toHaveBeenCalled();
  });

  it('leaves settings from a newer omni-ai as they are', async () => {
    const newer = { state: settings(), version: SETTINGS_VERSION + 1 };
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: newer });
    await sealStoredSecrets();
    expect((await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY]).toEqual(newer);
  });
});
