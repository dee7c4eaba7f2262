import { browser } from 'wxt/browser';
import { loadSettings } from '../settings/load-settings';
import { pageReadingRefusal } from '../settings/policy/refusals';
import { pageTextGate } from './page-text-gate';
import { readPage, type ReadPageResult } from './read-page';
import { t } from '../i18n/t';

/**
 * "Add page": the active tab of the panel's window, unless the organization forbids reading pages
 * or the site rules refuse this page's text to the selected provider (read-page.ts).
 */
export async function readActivePage(windowId: number): Promise<ReadPageResult> {
  const gate = pageTextGate(await loadSettings());
  const refused = pageReadingRefusal(gate.settings);
  if (refused) return { ok: false, message: refused };
  const [tab] = await browser.tabs.query({ active: true, windowId });
  if (tab?.id === undefined) return { ok: false, message: t('read_no_tab') };
  return readPage(tab.id, gate);
}
