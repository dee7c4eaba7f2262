/**
 * Copies of finished answers as the panel rendered them (Markdown.tsx: parsed, sanitised,
 * highlighted, with copy buttons), so that a windowed log mounting an answer again (scrolled out
 * of view and back) clones its nodes instead of parsing, sanitising and highlighting it again:
 * that work was most of a scrolled frame's script (issue 13 target 2, bench/NOTES.md session 8).
 *
 * Only what Markdown rendered goes in, and only for the exact text it rendered: a copy is found by
 * the message's id *and* its whole text, so an edited or regenerated answer (new text), or text
 * that never went through the sanitiser, never meets a copy made from other text. A streaming
 * answer is never stored (AnswerMarkdown stores an answer once it is finished).
 *
 * Bounded by the answers' characters (least recently used out first): a rendered answer's nodes
 * take about 21 bytes of Blink's heap per character of its text (the 1,000-message conversation's
 * 500 answers, ~1 MB of text, cost 21 MB: bench/NOTES.md session 8).
 */
export class RenderedAnswers {
  private readonly copies = new Map<string, { text: string; nodes: DocumentFragment }>();
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

  /** The nodes rendered for this id and exactly this text, to clone (never to insert: they stay here). */
  get(id: string, text: string): DocumentFragment | undefined {
    const copy = this.copies.get(id);
    if (!copy || copy.text !== text) return undefined;
    // Used again: last out.
    this.copies.delete(id);
    this.copies.set(id, copy);
    return copy.nodes;
  }

  /** Keeps a copy of `rendered`'s children as the rendering of `text`; one copy per id. */
  put(id: string, text: string, rendered: Element): void {
    const nodes = rendered.ownerDocument.createDocumentFragment();
    for (const child of rendered.childNodes) nodes.append(child.cloneNode(true));
    this.store(id, text, nodes);
  }

  /**
   * Keeps a copy of `nodes` as the rendering of `text` (the idle fill's, answer-build.ts). A copy,
   * though those nodes were never in the page: the nodes the sanitiser and highlighter made took
   * about a fifth more of Blink's heap than a clone of them (27.6 against 23.0 MB for the 500 answers).
   */
  keep(id: string, text: string, nodes: DocumentFragment): void {
    this.store(id, text, nodes.cloneNode(true) as DocumentFragment);
  }

  private store(id: string, text: string, nodes: DocumentFragment): void {
    this.delete(id);
    if (text.length > this.maxChars) return;
    this.copies.set(id, { text, nodes });
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
 * The panel's copies: 1,200,000 characters of answers, about 25 MB of Blink's heap at most beside
 * the panel's ~9 MB of JavaScript (issue 13 target 2: the panel under 50 MB); the whole of the
 * benchmark's 1,000-message conversation (its 500 answers are ~1 MB of text) fits.
 */
export const renderedAnswers = new RenderedAnswers(1_200_000);
