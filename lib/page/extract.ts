import { Readability } from '@mozilla/readability';

/** What the content script returns: the page's main text, its title and URL, and the selection. */
export interface PageContent {
  title: string;
  url: string;
  text: string;
  selection: string;
}

/** Collapses the blank lines and runs of spaces that markup leaves behind. */
export function tidy(text: string): string {
  return text
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const BLOCK_END = /<\/(p|h[1-6]|li|pre|blockquote|div|tr|section|article|header|footer|figure|table|ul|ol|dl|dd|dt)>/gi;

/**
 * The text of Readability's HTML with paragraphs kept apart: its `textContent` runs paragraphs
 * together ("…end.Next…"), which loses structure the model uses. Parsed in an inert document, so
 * nothing in it loads or runs.
 */
function textWithBreaks(doc: Document, html: string): string {
  const Parser = doc.defaultView?.DOMParser ?? DOMParser;
  const marked = html.replace(BLOCK_END, '$&\n\n').replace(/<br\s*\/?>/gi, '\n');
  const inert = new Parser().parseFromString(`<!doctype html><html><body>${marked}</body></html>`, 'text/html');
  return tidy(inert.body?.textContent ?? '');
}

/**
 * The page's main text with Mozilla's Readability (Firefox's reader view), which drops navigation,
 * ads and footers; when it finds no article (a web app, a short page), the body's visible text.
 * Readability works on a clone because it rewrites the document it is given.
 */
export function extractPage(doc: Document, url: string, selection: string): PageContent {
  let title = doc.title;
  let text = '';
  try {
    const article = new Readability(doc.cloneNode(true) as Document).parse();
    if (article?.content) {
      text = textWithBreaks(doc, article.content);
      title = title || article.title || '';
    }
  } catch {
    // fall back below
  }
  if (text.length < 200) {
    const body = doc.body as HTMLElement | null;
    const visible = tidy(body?.innerText ?? body?.textContent ?? '');
    if (visible.length > text.length) text = visible;
  }
  return { title: title || url, url, text, selection: tidy(selection) };
}
