import type { Menus, Tabs } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { putPending, type PendingEntry } from '../chat/pending-context';
import { truncateToBudget } from '../page/truncate';
import { loadSettings } from '../settings/load-settings';
import { openPanel } from './open-panel';
import { readPage } from './read-page';

export const MENU_ID = 'ask-omni-ai';

/** The right-click item, on a selection, a page or a link. Created once, when installed or updated. */
export function createContextMenu(): void {
  browser.contextMenus.create({ id: MENU_ID, title: 'Ask omni-ai', contexts: ['selection', 'page', 'link'] }, () => {
    // Re-creating on update reports a duplicate id; the menu is there either way.
    void browser.runtime.lastError;
  });
}

async function contextFromClick(info: Menus.OnClickData, tab: Tabs.Tab): Promise<PendingEntry> {
  const budget = (await loadSettings()).pageBudget;
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
  // The page itself: the click granted activeTab, so the content script may read it.
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
