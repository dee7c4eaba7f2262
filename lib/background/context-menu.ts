import type { Menus, Tabs } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { putPending, type PendingEntry } from '../chat/pending-context';
import { recipientRefusal } from '../page/site-access/decide-page-text';
import { recordedUrl } from '../page/site-access/page-address';
import { PROVIDERS } from '../providers/catalog';
import { truncateToBudget } from '../page/truncate';
import { loadSettings } from '../settings/load-settings';
import { pageTextRules, requestTarget } from '../settings/page-text-rules';
import { pageReadingRefusal } from '../settings/policy/refusals';
import { openPanel } from './open-panel';
import { pageTextGate, refusalMessage } from './page-text-gate';
import { readPage } from './read-page';

export const MENU_ID = 'ask-omni-ai';

let syncing: Promise<void> = Promise.resolve();

/**
 * Makes the right-click menu what the organization's policy allows: "Ask omni-ai" on a selection, a
 * page or a link; without the page when reading pages is not allowed (`allowAddPage: false`); no
 * menu at all with `allowContextMenu: false`; disabled, its title saying why, when no page text may
 * go to the selected provider (issue 16: a menu item has no tooltip). Called when installed, at
 * browser start and whenever the policy or the settings change, so a lifted policy brings the
 * menu back. Calls run one after another: two interleaved remove-and-create runs would create the
 * item twice.
 */
export function syncContextMenu(): Promise<void> {
  const run = syncing.then(async () => {
    const settings = await loadSettings();
    const { allowContextMenu, allowAddPage } = settings;
    await browser.contextMenus.removeAll();
    if (!allowContextMenu) return;
    const contexts: Menus.ContextType[] = allowAddPage ? ['selection', 'page', 'link'] : ['selection', 'link'];
    const refused = recipientRefusal(requestTarget(settings.provider, settings), pageTextRules(settings));
    const title = !refused
      ? 'Ask omni-ai'
      : settings.pageTextPolicy.unreadable.length
        ? 'Ask omni-ai (off until your organization fixes its page text rules)'
        : `Ask omni-ai (your organization sends no page text to ${PROVIDERS[settings.provider].label})`;
    await new Promise<void>((resolve) =>
      browser.contextMenus.create({ id: MENU_ID, title, contexts, enabled: !refused }, () => {
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
  // The page itself: the click granted activeTab, so the content script may read it, if the
  // organization allows reading pages and the site rules let this one's text go.
  const refused = pageReadingRefusal(gate.settings);
  if (refused) return { error: refused };
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
