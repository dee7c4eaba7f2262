import type { Menus, Tabs } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { offeredPrompts } from '../chat/offered-prompts';
import { putPending, type PendingEntry } from '../chat/pending-context';
import { recordedUrl } from '../page/site-access/page-address';
import { promptLanguage } from '../chat/prompt-language';
import { quickRequest } from '../chat/quick-request';
import { truncateToBudget } from '../page/truncate';
import type { EffectiveSettings } from '../settings/effective-settings';
import { loadSettings } from '../settings/load-settings';
import { pageReadingRefusal } from '../settings/policy/refusals';
import { ASK, createProperties, menuItems, parseMenuItemId } from './menu-items';
import { openPanel } from './open-panel';
import { pageTextGate, refusalMessage } from './page-text-gate';
import { readPage } from './read-page';
import { t } from '../i18n/t';

export { MENU_ID } from './menu-items';

let syncing: Promise<void> = Promise.resolve();
/** The items last created, to skip a rebuild when a settings change leaves the menu as it is. */
let built: string | undefined;

/**
 * Makes the right-click menu what the settings and the organization's policy make it
 * (menu-items.ts). Called when installed, at browser start and whenever the policy changes, so a
 * lifted policy brings the menu back; and when the settings change (`onlyIfChanged`: a prompt edited
 * on the options page, not a model picked). Calls run one after another: two interleaved
 * remove-and-create runs would create the items twice.
 */
export function syncContextMenu({ onlyIfChanged = false } = {}): Promise<void> {
  const run = syncing.then(async () => {
    const items = menuItems(await loadSettings());
    const signature = JSON.stringify(items);
    if (onlyIfChanged && signature === built) return;
    built = undefined;
    await browser.contextMenus.removeAll();
    for (const item of items)
      await new Promise<void>((resolve) =>
        browser.contextMenus.create(createProperties(item), () => {
          // Read, so Chrome does not report an unchecked error; the next sync starts from removeAll.
          void browser.runtime.lastError;
          resolve();
        }),
      );
    built = signature;
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

/**
 * The selection, the link or the page the user right-clicked, as context for the panel, or why
 * not. Every item of the menu, "Ask…" and each quick action alike, comes through here, so through
 * the site rules' one check (page-text-gate.ts).
 */
async function contextFromClick(info: Menus.OnClickData, tab: Tabs.Tab, settings: EffectiveSettings): Promise<PendingEntry> {
  const gate = pageTextGate(settings);
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
  const refused = pageReadingRefusal(settings);
  if (refused) return { error: refused };
  const result = await readPage(tab.id!, gate);
  return result.ok ? { context: result.context } : { error: result.message };
}

/**
 * The context, and for a quick action the request its prompt makes about it. The prompt is looked
 * up again now: one edited or removed since the menu was built is used as it is now, or not at all.
 */
async function pendingFromClick(promptId: string, info: Menus.OnClickData, tab: Tabs.Tab): Promise<PendingEntry> {
  const settings = await loadSettings();
  const entry = await contextFromClick(info, tab, settings);
  if ('error' in entry || promptId === ASK) return entry;
  const prompt = offeredPrompts(settings).find((p) => p.id === promptId);
  if (!prompt) return entry; // gone since the menu was built: the context alone, as "Ask…" does
  const language = promptLanguage(settings.promptLanguage, browser.i18n.getUILanguage(), t('locale'));
  return { ...entry, request: quickRequest(prompt.template, entry.context.kind, language) };
}

/** "Ask omni-ai": open the panel in that window at once, then hand it the context and the request. */
export function onContextMenuClick(info: Menus.OnClickData, tab: Tabs.Tab | undefined): void {
  const item = parseMenuItemId(info.menuItemId);
  if (!item || tab?.windowId === undefined || tab.id === undefined) return;
  openPanel(tab.windowId); // first, while the click's user gesture lasts
  void pendingFromClick(item.prompt, info, tab).then(
    (entry) => putPending(tab.windowId!, entry),
    (error: Error) => putPending(tab.windowId!, { error: t('page_read_failed', error.message) }),
  );
}
