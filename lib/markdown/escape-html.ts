/**
 * Text as HTML: `&`, `<`, `>` and `"` as character references, so it reads back as the same text in
 * an element or a quoted attribute. A module of its own because the side panel's first chunk needs
 * it (rendered-answers.ts) and must not pull in highlight.js with it (highlight-code.ts, loaded with
 * the Markdown chunk).
 */
export const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
