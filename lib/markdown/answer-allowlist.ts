/**
 * Everything an answer may contain, element by element, with the attributes each may carry: what
 * Markdown (GFM) renders to, and highlight.js's spans. Nothing else survives, whatever a library's
 * defaults are: no images, media, SVG/MathML, forms, buttons, frames, `<base>`, `<meta>`, `<style>`
 * or `style` (issue 10 §1).
 */
export const ANSWER_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  p: [], br: [], hr: [],
  h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  strong: [], em: [], del: [],
  blockquote: [],
  ul: [], ol: ['start'], li: [],
  pre: [], code: ['class'], span: ['class'],
  table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'],
  a: ['href'],
};

/** Elements that never reach the answer but are read to write their stand-in: an image's link, a checkbox's glyph. */
export const STAND_IN_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  img: ['src', 'alt'],
  input: ['type', 'checked'],
};

/** Elements dropped with everything inside them: their content is code, markup or a fallback, not text to show. */
export const DROPPED_WITH_CONTENT: ReadonlySet<string> = new Set([
  'script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'xmp', 'plaintext', 'title', 'textarea', 'select',
  'iframe', 'frameset', 'object', 'video', 'audio', 'svg', 'math', 'head',
]);
