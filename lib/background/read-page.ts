import { browser } from 'wxt/browser';
import type { PageContext } from '../chat/conversation-db';
import type { PageContent } from '../page/extract';
import { truncateToBudget } from '../page/truncate';

export type ReadPageResult = { ok: true; context: PageContext } | { ok: false; message: string };

/** Pages no extension may script (or capture), and what to tell the user about each. */
export function unreadable(url: string | undefined): string | undefined {
  if (!url) return 'omni-ai cannot see this tab’s address: click omni-ai’s toolbar icon on the page first, then “Add page”.';
  if (/^(chrome|edge|brave|about|chrome-extension|moz-extension|devtools|view-source):/i.test(url))
    return 'This is one of the browser’s own pages, which extensions cannot read. Open a web page and try again.';
  if (/^https:\/\/(chromewebstore\.google\.com|chrome\.google\.com\/webstore|addons\.mozilla\.org)/i.test(url))
    return 'The browser does not let extensions read the extension store. Open another page and try again.';
  if (/\.pdf($|[?#])/i.test(url))
    return 'This PDF is shown by the browser’s PDF viewer, which extensions cannot read. Copy the text you need into the message instead.';
  return undefined;
}

/**
 * Injects the content script into the tab, only now, and returns its main text as page context cut
 * to the budget. `kind: 'selection'` takes the selection instead (when there is one).
 */
export async function readPage(tabId: number, budget: number, kind: 'page' | 'selection' = 'page'): Promise<ReadPageResult> {
  const tab = await browser.tabs.get(tabId);
  const refusal = unreadable(tab.url);
  if (refusal) return { ok: false, message: refusal };
  let content: PageContent | undefined;
  try {
    const [injection] = await browser.scripting.executeScript({ target: { tabId }, files: ['/content-scripts/content.js'] });
    content = injection?.result as PageContent | undefined;
  } catch (error) {
    const why = (error as Error).message;
    return {
      ok: false,
      message: /permission|Cannot access/i.test(why)
        ? 'omni-ai may not read this page yet: click omni-ai’s toolbar icon (or use “Ask omni-ai” from the right-click menu) on the page, then try again.'
        : `omni-ai could not read this page (${why}).`,
    };
  }
  if (!content) return { ok: false, message: 'The page gave no text to read.' };
  const source = kind === 'selection' && content.selection ? content.selection : content.text;
  if (!source) return { ok: false, message: 'This page has no text omni-ai can read.' };
  const { text } = truncateToBudget(source, budget);
  return {
    ok: true,
    context: { kind: kind === 'selection' && content.selection ? 'selection' : 'page', title: content.title, url: content.url, text, totalChars: source.length },
  };
}
