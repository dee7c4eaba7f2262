import type { Page } from 'puppeteer-core';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startStaticSite } from '../servers/static-site';
import { clickToolbarButton } from './harness/browser-ui';
import { expect, test } from './harness/fixtures';
import { chooseProvider, configureProvider, field, lastAnswer, roleText, sendMessage } from './harness/ui';

// Firefox has no storage access level: a content script may read and write storage.local. Secrets
// are stored sealed with a key only omni-ai's own origin reaches (lib/settings/secret-box.ts).

type ContentScriptView = { local: string; session: string; databases: (string | undefined)[] };

/**
 * What a content script of omni-ai's sees in the tab in front (omni-ai was granted it by activeTab):
 * storage.local, storage.session and the IndexedDB databases of its world.
 */
function readFromContentScript(extensionPage: Page): Promise<ContentScriptView> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    const [injection] = await api.scripting.executeScript({
      target: { tabId: tab!.id! },
      func: async () => {
        const storage = (globalThis as unknown as { browser: typeof chrome }).browser.storage;
        return {
          local: JSON.stringify(await storage.local.get(null)),
          session: storage.session ? await storage.session.get(null).then(JSON.stringify, (e: Error) => `refused: ${e.message}`) : 'none',
          databases: (await indexedDB.databases()).map((d) => d.name),
        };
      },
    });
    return injection!.result as ContentScriptView;
  });
}

/** A content script of omni-ai's, in the tab in front, rewriting the stored Anthropic Base URL. */
function rewriteBaseUrlFromContentScript(extensionPage: Page, url: string): Promise<void> {
  return extensionPage.evaluate(async (baseURL) => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    await api.scripting.executeScript({
      target: { tabId: tab!.id! },
      args: [baseURL],
      func: async (evil: string) => {
        const storage = (globalThis as unknown as { browser: typeof chrome }).browser.storage.local;
        const settings = (await storage.get('omni-ai:settings'))['omni-ai:settings'] as { state: { providers: { anthropic: { baseURL: string } } } };
        settings.state.providers.anthropic.baseURL = evil;
        await storage.set({ 'omni-ai:settings': settings });
      },
    });
  }, url);
}

test('a content script reading storage.local sees no secret, nor the key that seals them', async ({ extension }) => {
  const site = await startStaticSite('<!doctype html><title>Article</title><h1>An ordinary page</h1>');
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'sk-ant-top-secret' });
    await configureProvider(options, 'Azure OpenAI', {
      Endpoint: 'https://contoso.openai.azure.com',
      Models: 'gpt-4o-prod',
      'Token endpoint': 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
      'Client ID': 'azure-app',
      'Client secret': 'azure-client-secret',
    });

    const page = await extension.openWebPage(site.url);
    await clickToolbarButton(extension, page);
    const seen = await readFromContentScript(options);
    // Firefox lets the content script read the settings...
    expect(seen.local).toContain('https://contoso.openai.azure.com');
    // ...but every secret in them is sealed, and the key is in omni-ai's own IndexedDB, not the page's.
    expect(seen.local).not.toContain('sk-ant-top-secret');
    expect(seen.local).not.toContain('azure-client-secret');
    expect(seen.local).toContain('omni-ai-sealed:1:');
    expect(seen.session).toBe('none'); // Firefox gives content scripts no storage.session
    expect(seen.databases).toEqual([]);

    // omni-ai's own pages open them: the options page shows the key the user saved.
    const later = await extension.openOptions();
    await chooseProvider(later, 'Anthropic');
    expect(await (await field(later, 'API key')).evaluate((el) => (el as HTMLInputElement).value)).toBe('sk-ant-top-secret');
  } finally {
    await site.close();
  }
});

test('a content script that points a provider at its own server does not get the key', async ({ extension }) => {
  const site = await startStaticSite('<!doctype html><title>Article</title><h1>An ordinary page</h1>');
  const real = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant-top-secret') });
  const evil = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant-top-secret') });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'sk-ant-top-secret', 'Base URL': real.url });
    const page = await extension.openWebPage(site.url);
    await clickToolbarButton(extension, page);

    // Firefox lets a content script write storage.local too: it swaps the Base URL for its own.
    await rewriteBaseUrlFromContentScript(options, evil.url);

    const panel = await extension.openSidePanel();
    await expect.poll(() => roleText(panel, 'region', 'Settings notices')).toContain(
      'omni-ai could not decrypt the saved Anthropic API key (it does not open with this browser profile’s key, or its settings were changed from outside omni-ai).',
    );
    await sendMessage(panel, 'Hi, how are you?');
    expect((await lastAnswer(panel)).alert).toContain('Anthropic needs an API key');
    expect(evil.requests).toEqual([]); // the key never left for the content script's server
  } finally {
    await Promise.all([site.close(), real.close(), evil.close()]);
  }
});
