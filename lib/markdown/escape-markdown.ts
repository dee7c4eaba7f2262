import { safeLinkUrl } from './safe-link-url';

/**
 * Text that reads the same in Markdown as it was written, for the middle of a line: on one line
 * (a newline could start a heading or end a quote), with each character that CommonMark, GFM or
 * HTML would act on mid-line backslash-escaped (CommonMark §2.4: any ASCII punctuation may be).
 * A page title like `x](javascript:…)` or `<img src=…>` then stays the title in any viewer.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .trim()
    .replace(/[\\`*_[\]<>!&~]/g, (c) => `\\${c}`);
}

/**
 * `[text](url)` when the URL is one a link may use (http, https, mailto), as the browser parsed it
 * (so an http(s) URL has no spaces or angle brackets left), with parentheses, angle brackets and
 * backslashes backslash-escaped and a mailto's spaces encoded, so it cannot end the link early;
 * otherwise the text with the address beside it as plain, escaped text.
 */
export function markdownLink(text: string, url: string): string {
  const label = escapeMarkdownText(text);
  const safe = safeLinkUrl(url);
  if (!safe) return url ? `${label} (${escapeMarkdownText(url)})` : label;
  return `[${label}](${safe.href.replace(/[()<>\\]/g, (c) => `\\${c}`).replace(/ /g, '%20')})`;
}
