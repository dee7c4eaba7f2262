import { browser } from 'wxt/browser';
import type { PageContext } from '../chat/conversation-db';
import type { PageContent } from '../page/extract';
import { recordedUrl } from '../page/site-access/page-address';
import { truncateToBudget } from '../page/truncate';
import { refusalMessage, type PageTextGate } from './page-text-gate';
import { t } from '../i18n/t';

export type ReadPageResult = { ok: true; context: PageContext } | { ok: false; message: string };

/** Web pages the browser itself keeps extensions out of (to read or capture), and what to tell the user about each. */
export function browserLimit(url: string): string | undefined {
  if (/^https:\/\/(chromewebstore\.google\.com|chrome\.google\.com\/webstore|addons\.mozilla\.org)/i.test(url))
    return t('read_store');
  if (/\.pdf($|[?#])/i.test(url))
    return t('read_pdf');
  return undefined;
}

/**
 * Injects the content script into the tab, only now and only if the site rules let this page's
 * text go to the selected provider, and returns its main text as page context cut to the budget.
 * `kind: 'selection'` takes the selection instead (when there is one).
 */
export async function readPage(tabId: number, gate: PageTextGate, kind: 'page' | 'selection' = 'page'): Promise<ReadPageResult> {
  const tab = await browser.tabs.get(tabId);
  if (!tab.url) return { ok: false, message: 'omni-ai cannot see this tab’s address: click omni-ai’s toolbar icon on the page first, then “Add page”.' };
  // Before the content script is asked anything: a blocked page is never read (issue 16).
  const decision = gate.check([tab.url]);
  if (!decision.allowed) return { ok: false, message: refusalMessage(decision) };
  const limit = browserLimit(tab.url);
  if (limit) return { ok: false, message: limit };
  let content: PageContent | undefined;
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
    content = injection?.result as PageContent | undefined;
  } catch (error) {
    const why = (error as Error).message;
    return {
      ok: false,
      message: /permission|Cannot access/i.test(why)
        ? t('read_not_granted')
        : t('page_read_failed', why),
    };
  }
  if (!content) return { ok: false, message: t('read_no_text') };
  // The tab may have gone to another page between the check and the read: the page actually read
  // is checked too, and its text dropped here, in the worker, if it may not go.
  const read = gate.check([content.url]);
  if (!read.allowed) return { ok: false, message: refusalMessage(read) };
  const source = kind === 'selection' && content.selection ? content.selection : content.text;
  if (!source) return { ok: false, message: t('read_nothing_readable') };
  const { text } = truncateToBudget(source, gate.budget);
  return {
    ok: true,
    context: {
      kind: kind === 'selection' && content.selection ? 'selection' : 'page',
      title: content.title,
      url: content.url,
      text,
      totalChars: source.length,
      readFrom: [recordedUrl(content.url)],
    },
  };
}
