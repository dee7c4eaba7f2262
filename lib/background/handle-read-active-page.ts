import { browser } from 'wxt/browser';
import { loadSettings } from '../settings/load-settings';
import { pageReadingRefusal } from '../settings/policy/refusals';
import { readPage, type ReadPageResult } from './read-page';

/** "Add page": the active tab of the panel's window, unless the organization forbids reading pages. */
export async function readActivePage(windowId: number): Promise<ReadPageResult> {
  const settings = await loadSettings();
  const refused = pageReadingRefusal(settings);
  if (refused) return { ok: false, message: refused };
  const [tab] = await browser.tabs.query({ active: true, windowId });
  if (tab?.id === undefined) return { ok: false, message: 'There is no open tab to read in this window.' };
  return readPage(tab.id, settings.pageBudget);
}
