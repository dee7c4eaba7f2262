import { escapeHtml } from '@/lib/escape-html';

/**
 * Copies of finished answers as the panel rendered them (Markdown.tsx: parsed, sanitised,
 * highlighted, with copy buttons), so that a windowed log mounting an answer again (scrolled out
 * of view and back) parses the copy's HTML instead of parsing, sanitising and highlighting the
 * answer again: that work was most of a scrolled frame's script (issue 13 target 2,
 * bench/NOTES.md session 8).
 *
 * Only what Markdown rendered goes in, and only for the exact text it rendered: a copy is found by
 * the message's id *and* its whole text, so an edited or regenerated answer (new text), or text
 * that never went through the sanitiser, never meets a copy made from other text. A streaming
 * answer is never stored (AnswerMarkdown stores an answer once it is finished).
 *
 * Why HTML and not nodes: kept as nodes, the 1,000-message conversation's 500 answers were 21 MB of
 * Blink's heap, which every major GC marks in its atomic pause (a 27.7 ms pause in a scrolled frame,
 * bench/NOTES.md session 13); as strings they are V8 data a GC does not walk into. Parsing a copy
 * costs a mount about 0.2 ms an answer more than cloning its nodes did (bench/NOTES.md session 14).
 *
 * Why a round trip through HTML is safe here: the nodes hold only the answer allowlist's elements
 * (lib/markdown/answer-allowlist.ts) and our own wrappers, all ordinary HTML elements: no raw-text
 * element (script, style, textarea…) and no SVG or MathML, so serialising escapes every `<` of text
 * and attribute, and parsing it back cannot make an element or attribute that was not there. It keeps
 * the elements, attributes and text; what it may change is nesting the parser itself would never
 * make (raw HTML that DOMPurify left foster-parented or unwrapped: an `li` in an `li`), which the
 * parse re-nests its own way, so such an answer may sit differently once scrolled away and back.
 * Two things a parse changes are written so it does not
 * (`serialise`): a `pre`'s leading newline and a carriage return. (A review for mutation XSS found
 * nothing else: bench/NOTES.md session 14, review14b.)
 *
 * Bounded by the answers' characters (least recently used out first).
 */
export class RenderedAnswers {
  private readonly copies = new Map<string, { text: string; html: string }>();
  private kept = 0;

  constructor(readonly maxChars: number) {}

  /** Characters of answers kept now. */
  get chars(): number {
    return this.kept;
  }

  /** Whether a copy of this id and exactly this text is kept (without counting as a use). */
  has(id: string, text: string): boolean {
    return this.copies.get(id)?.text === text;
  }

  /** The HTML rendered for this id and exactly this text, for `answerNodes`. */
  get(id: string, text: string): string | undefined {
    const copy = this.copies.get(id);
    if (!copy || copy.text !== text) return undefined;
    // Used again: last out.
    this.copies.delete(id);
    this.copies.set(id, copy);
    return copy.html;
  }

  /**
   * Keeps what `nodes` holds, as it is now, as the rendering of `text`; one copy per id. The nodes
   * are only read: a shown answer's element (Markdown's) or the idle fill's fragment (answer-build.ts).
   */
  keep(id: string, text: string, nodes: Element | DocumentFragment): void {
    this.delete(id);
    // Longer than the whole bound: never kept, so not serialised either.
    if (text.length > this.maxChars) return;
    this.copies.set(id, { text, html: serialise(nodes) });
    this.kept += text.length;
    for (const [oldest] of this.copies) {
      if (this.kept <= this.maxChars) break;
      this.delete(oldest);
    }
  }

  get size(): number {
    return this.copies.size;
  }

  private delete(id: string): void {
    const copy = this.copies.get(id);
    if (!copy) return;
    this.kept -= copy.text.length;
    this.copies.delete(id);
  }
}

/**
 * What `nodes` holds (an element's children, or a fragment's) as HTML that parses back to the same
 * elements, attributes and text; the nodes are only read (a reader may be selecting in them).
 * - The parser drops a newline right after `<pre>`, and the serialiser does not write one back
 *   (Chromium and jsdom), so a `pre` whose text starts with a newline (raw HTML from the model) would
 *   lose it: every `<pre>` gets one newline for the parser to drop. Every `pre` start tag is exactly
 *   `<pre>` (the allowlist gives it no attribute), and a `<` of text or attribute is escaped.
 * - The parser turns a raw carriage return into a line feed; the serialiser writes it raw. It can
 *   only be in text or an attribute, where `&#13;` reads back. (Markdown and the prefilter already
 *   turn a model's into a line feed, and no attribute carries the model's own text: a guard.)
 */
export function serialise(nodes: Element | DocumentFragment): string {
  const html = nodes instanceof Element ? nodes.innerHTML : [...nodes.childNodes].map(nodeHtml).join('');
  return html.replaceAll('<pre>', '<pre>\n').replaceAll('\r', '&#13;');
}

/** A fragment's child as HTML: an element's own markup, a text's escaped; nothing else is rendered into an answer. */
function nodeHtml(node: ChildNode): string {
  if (node.nodeType === Node.ELEMENT_NODE) return (node as Element).outerHTML;
  return node.nodeType === Node.TEXT_NODE ? escapeHtml((node as Text).data) : '';
}

/** One inert parser for the copies: a template's content loads nothing and runs nothing. */
let parser: HTMLTemplateElement | undefined;

/** A kept copy's nodes, new for each mount, in an inert document until the caller inserts them. */
export function answerNodes(html: string): DocumentFragment {
  parser ??= document.createElement('template');
  parser.innerHTML = html;
  // Taken out, not cloned: the next parse replaces whatever is left.
  const nodes = parser.content;
  const fragment = nodes.ownerDocument.createDocumentFragment();
  fragment.append(...nodes.childNodes);
  return fragment;
}

/**
 * The panel's copies: 1,200,000 characters of answers (the benchmark's 1,000-message conversation,
 * ~1 MB of text in its 500 answers, fits), a few MB of HTML.
 */
export const renderedAnswers = new RenderedAnswers(1_200_000);
