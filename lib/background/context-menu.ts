import type { Menus, Tabs } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { putPending, type PendingEntry } from '../chat/pending-context';
import { recordedUrl } from '../page/site-access/page-address';
import { truncateToBudget } from '../page/truncate';
import { openPanel } from './open-panel';
import { pageTextGate, refusalMessage } from './page-text-gate';
import { readPage } from './read-page';

export const MENU_ID = 'ask-omni-ai';

/** The right-click item, on a selection, a page or a link. Created once, when installed or updated. */
export function createContextMenu(): void {
  browser.contextMenus.create({ id: MENU_ID, title: 'Ask omni-ai', contexts: ['selection', 'page', 'link'] }, () => {
    // Re-creating on update reports a duplicate id; the menu is there either way.
    void browser.runtime.lastError;
  });
}

/**
 * The documents a click's text comes from: the page, and the frame it was in when that is another
 * document. A frame of an allowed site inside a blocked page is refused with the page (issue 16).
 */
function clickedDocuments(info: Menus.OnClickData, tab: Tabs.Tab): string[] {
  const page = info.pageUrl ?? tab.url;
  return [...new Set([page, info.frameUrl].filter((url): url is string => !!url))];
}

async function contextFromClick(info: Menus.OnClickData, tab: Tabs.Tab): Promise<PendingEntry> {
  const gate = await pageTextGate();
  if (info.selectionText || info.linkUrl) {
    // The browser hands over the selection or the link; no script reads the page, but its text is
    // the page's all the same, and the same rules apply before it reaches the panel.
    const readFrom = clickedDocuments(info, tab);
    const decision = gate.check(readFrom);
    if (!decision.allowed) return { error: refusalMessage(decision) };
    const from = readFrom.map(recordedUrl);
    if (info.selectionText) {
      const { text } = truncateToBudget(info.selectionText, gate.budget);
      return {
        context: { kind: 'selection', title: tab.title || info.pageUrl || '', url: info.pageUrl ?? tab.url ?? '', text, totalChars: info.selectionText.length, readFrom: from },
      };
    }
    const label = (info as { linkText?: string }).linkText;
    const linkUrl = info.linkUrl!;
    return {
      context: { kind: 'link', title: label || linkUrl, url: linkUrl, text: `${label ? `${label}: ` : ''}${linkUrl}`, totalChars: linkUrl.length, readFrom: from },
    };
  }
  // The page itself: the click granted activeTab, so the content script may read it, if the rules let it.
  const result = await readPage(tab.id!, gate);
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
