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
    const opens = await extension.clickToolbarIcon(page);
    const worker = await extension.serviceWorker();
    const windowId = await worker.evaluate(async () => (await chrome.tabs.query({ url: 'http://127.0.0.1/*' }))[0]!.windowId);
    // omni-ai's part of the click: open the panel in that window, inside the click's user gesture.
    expect(opens).toEqual([`open window ${windowId}`, 'open resolved']);

    // Playwright does not list side panels among a context's pages; ask Chrome which contexts exist.
    const sidePanels = () =>
      worker.evaluate(async () =>
        (await chrome.runtime.getContexts({ contextTypes: ['SIDE_PANEL' as chrome.runtime.ContextType] })).map((c) => c.documentUrl),
      );
    const panelShown = async () => {
      await expect.poll(sidePanels, { timeout: 10_000 }).toEqual([`chrome-extension://${extension.extensionId}/sidepanel.html`]);
    };
    await panelShown().catch(async () => {
      // In about one CI run in eight, and never locally, headless Chromium showed no panel after a
      // click whose open() raised no error. omni-ai's part is asserted above; a second click, as a
      // user would give, must then show the panel. The report notes when it was needed.
      test.info().annotations.push({ type: 'warning', description: 'the side panel appeared only on the second click' });
      expect(await extension.clickToolbarIcon(page)).toEqual([`open window ${windowId}`, 'open resolved']);
      await panelShown();
    });

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

    // Behind that, the area itself holds the key sealed (lib/settings/secret-box.ts): even the
    // worker's raw read shows ciphertext, which only omni-ai's own IndexedDB key opens.
    const fromWorker = JSON.stringify(await worker.evaluate(() => chrome.storage.local.get(null)));
    expect(fromWorker).not.toContain('sk-ant-top-secret');
    expect(fromWorker).toContain('omni-ai-sealed:1:');
    const later = await extension.openOptions();
    await chooseProvider(later, 'Anthropic');
    await expect(field(later, 'API key')).toHaveValue('sk-ant-top-secret');
  } finally {
    await site.close();
  }
});
