/**
 * Text as HTML: `&`, `<`, `>` and `"` as character references, so it reads back as the same text in
 * an element or a (double-)quoted attribute. One escaper for the answers' code and kept copies
 * (highlight-code.ts, rendered-answers.ts), the prefilter's attributes and the page frame's
 * attributes (lib/page/frame-context.ts). A module of its own, importing nothing: the side panel's
 * first chunk needs it (rendered-answers.ts) and must not pull in highlight.js with it.
 */
export const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
