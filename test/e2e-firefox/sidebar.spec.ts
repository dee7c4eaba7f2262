import { startStaticSite } from '../servers/static-site';
import {
  chooseFromContextMenu,
  clickToolbarButton,
  closeSidebar,
  pressShortcut,
  SIDEBAR_URL,
  sidebarState,
  sidebarText,
} from './harness/browser-ui';
import { expect, test } from './harness/fixtures';

// Firefox's sidebar is omni-ai's side panel there: the toolbar button, the keyboard shortcut and
// "Ask omni-ai" open it, as they open Chrome's side panel.

const SELECTED = 'The moon pulls the oceans, twice a day.';
const PAGE = `<!doctype html><title>Tides</title><h1>Tides explained</h1>
<p id="selected">${SELECTED}</p><p><a id="link" href="https://example.com/moon">Moon facts</a></p>`;

/** Whether omni-ai may run a script in the tab in front: only once activeTab is granted there. */
function mayScript(extensionPage: import('puppeteer-core').Page): Promise<string> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: typeof chrome }).browser;
    // The web page's tab is the one in front; this omni-ai page is in a tab behind it.
    const [tab] = await api.tabs.query({ active: true, currentWindow: true });
    try {
      const [injection] = await api.scripting.executeScript({ target: { tabId: tab!.id! }, func: () => document.title });
      return `read ${injection!.result}`;
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    }
  });
}

test('the toolbar button opens the sidebar on the page, and grants omni-ai that page (activeTab)', async ({ extension }) => {
  const site = await startStaticSite(PAGE);
  try {
    const options = await extension.openOptions();
    const page = await extension.openWebPage(site.url);
    await closeSidebar(extension); // Firefox opens an add-on's sidebar when it is installed
    expect(await mayScript(options)).toMatch(/^refused: /);

    await clickToolbarButton(extension, page);
    await expect.poll(() => sidebarState(extension)).toEqual({ open: true, url: SIDEBAR_URL });
    expect(await mayScript(options)).toBe('read Tides');
  } finally {
    await site.close();
  }
});

test('the keyboard shortcut Alt+Shift+O opens the sidebar', async ({ extension }) => {
  const site = await startStaticSite(PAGE);
  try {
    const page = await extension.openWebPage(site.url);
    await closeSidebar(extension);
    await pressShortcut(extension, page, 'alt,shift', 'O');
    await expect.poll(() => sidebarState(extension)).toEqual({ open: true, url: SIDEBAR_URL });
  } finally {
    await site.close();
  }
});

test('“Ask omni-ai” on a selection or a link opens the sidebar with it attached, whether it was open or not', async ({
  extension,
}) => {
  const site = await startStaticSite(PAGE);
  try {
    const options = await extension.openOptions();
    const page = await extension.openWebPage(site.url);
    await closeSidebar(extension);

    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('selected')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    expect(await chooseFromContextMenu(extension, page, '#selected', 'Ask omni-ai')).toEqual(['Ask omni-ai']);
    await expect.poll(() => sidebarState(extension)).toEqual({ open: true, url: SIDEBAR_URL });
    await expect.poll(() => sidebarText(options, 'Attached context')).toBe(`Selection: Tides · ${SELECTED.length} characters×`);

    // The sidebar is open now: a link arrives in it directly.
    await page.evaluate(() => getSelection()!.removeAllRanges());
    await chooseFromContextMenu(extension, page, '#link', 'Ask omni-ai');
    const link = 'https://example.com/moon';
    await expect.poll(() => sidebarText(options, 'Attached context')).toBe(`Link: Moon facts · ${link.length} characters×`);
    expect(await sidebarState(extension)).toEqual({ open: true, url: SIDEBAR_URL });
  } finally {
    await site.close();
  }
});
