import { startStaticSite } from '../servers/static-site';
import { expect, test } from './harness/fixtures';
import { chooseProvider, field } from './harness/pages';

test('the toolbar icon opens the side panel, and a content script cannot read the stored secrets', async ({
  extension,
}) => {
  const site = await startStaticSite('<!doctype html><title>Article</title><h1>An ordinary page</h1>');
  try {
    const options = await extension.openOptions();
    await chooseProvider(options, 'Anthropic');
    await field(options, 'API key').fill('sk-ant-top-secret');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByRole('status')).toHaveText('Saved Anthropic settings.');

    const page = await extension.context.newPage();
    await page.goto(site.url);
    await extension.clickToolbarIcon(page);
    // Playwright does not list side panels among a context's pages; ask Chrome which contexts exist.
    const worker = await extension.serviceWorker();
    const sidePanels = () =>
      worker.evaluate(async () =>
        (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).map((c) => c.documentUrl),
      );
    try {
      await expect.poll(sidePanels, { timeout: 20_000 }).toEqual([`chrome-extension://${extension.extensionId}/sidepanel.html`]);
    } catch (error) {
      // openPanel logs why Chrome refused to open the panel: say it, rather than only "timed out".
      throw new Error(`The side panel did not open. Worker warnings: ${extension.consoleWarnings.join(' | ') || 'none'}`, { cause: error });
    }

    // The click granted activeTab, so the extension may run code in the page's content-script world.
    const fromContentScript = await worker.evaluate(async () => {
      const [tab] = await chrome.tabs.query({ url: 'http://127.0.0.1/*' });
      const [injection] = await chrome.scripting.executeScript({
        target: { tabId: tab!.id! },
        func: async () => {
          const attempt = async (area: chrome.storage.StorageArea) => {
            try {
              return JSON.stringify(await area.get(null));
            } catch (error) {
              return `refused: ${(error as Error).message}`;
            }
          };
          return { local: await attempt(chrome.storage.local), session: await attempt(chrome.storage.session) };
        },
      });
      return injection!.result;
    });
    expect(fromContentScript).toEqual({
      local: 'refused: Access to storage is not allowed from this context.',
      session: 'refused: Access to storage is not allowed from this context.',
    });

    // The same read from the extension's own service worker does see the key: the secret is there.
    const fromWorker = await worker.evaluate(() => chrome.storage.local.get(null));
    expect(JSON.stringify(fromWorker)).toContain('sk-ant-top-secret');
  } finally {
    await site.close();
  }
});
