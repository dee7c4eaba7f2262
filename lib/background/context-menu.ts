import type { Menus, Tabs } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { putPending, type PendingEntry } from '../chat/pending-context';
import { truncateToBudget } from '../page/truncate';
import { loadSettings } from '../settings/load-settings';
import { pageReadingRefusal } from '../settings/policy/refusals';
import { openPanel } from './open-panel';
import { readPage } from './read-page';

export const MENU_ID = 'ask-omni-ai';

let syncing: Promise<void> = Promise.resolve();

/**
 * Makes the right-click menu what the organization's policy allows: "Ask omni-ai" on a selection, a
 * page or a link; without the page when reading pages is not allowed (`allowAddPage: false`); no
 * menu at all with `allowContextMenu: false`. Called when installed, at browser start and whenever
 * the policy changes, so a lifted policy brings the menu back. Calls run one after another: two
 * interleaved remove-and-create runs would create the item twice.
 */
export function syncContextMenu(): Promise<void> {
  const run = syncing.then(async () => {
    const { allowContextMenu, allowAddPage } = await loadSettings();
    await browser.contextMenus.removeAll();
    if (!allowContextMenu) return;
    const contexts: Menus.ContextType[] = allowAddPage ? ['selection', 'page', 'link'] : ['selection', 'link'];
    await new Promise<void>((resolve) =>
      browser.contextMenus.create({ id: MENU_ID, title: 'Ask omni-ai', contexts }, () => {
        // Read, so Chrome does not report an unchecked error; the next sync starts from removeAll.
        void browser.runtime.lastError;
        resolve();
      }),
    );
  });
  // A failed run is reported and does not stop the next one.
  syncing = run.catch((error: Error) => console.warn(`omni-ai could not update its menu: ${error.message}`));
  return syncing;
}

async function contextFromClick(info: Menus.OnClickData, tab: Tabs.Tab): Promise<PendingEntry> {
  const settings = await loadSettings();
  const budget = settings.pageBudget;
  if (info.selectionText) {
    const { text } = truncateToBudget(info.selectionText, budget);
    return { context: { kind: 'selection', title: tab.title || info.pageUrl || '', url: info.pageUrl ?? tab.url ?? '', text, totalChars: info.selectionText.length } };
  }
  if (info.linkUrl) {
    const label = (info as { linkText?: string }).linkText;
    return {
      context: { kind: 'link', title: label || info.linkUrl, url: info.linkUrl, text: `${label ? `${label}: ` : ''}${info.linkUrl}`, totalChars: info.linkUrl.length },
    };
  }
  // The page itself: the click granted activeTab, so the content script may read it, if allowed.
  const refused = pageReadingRefusal(settings);
  if (refused) return { error: refused };
  const result = await readPage(tab.id!, budget);
  return result.ok ? { context: result.context } : { error: result.message };
}

/** "Ask omni-ai": open the panel in that window at once, then hand it the selection, page or link. */
export function onContextMenuClick(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  if (info.menuItemId !== MENU_ID || tab?.windowId === undefined || tab.id === undefined) return;
  openPanel(tab.windowId); // first, while the click's user gesture lasts
  void contextFromClick(info, tab).then(
    (entry) => putPending(tab.windowId!, entry),
    (error: Error) => putPending(tab.windowId!, { error: `omni-ai could not read this page (${error.message}).` }),
  );
}
