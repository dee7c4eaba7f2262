import { codeClass, highlightCodeBody, knownLanguage } from './highlight-code';
import { sanitizeCodeHtml } from './render';
import { startsWith } from './starts-with';

/** Lines per slice: the most a frame highlights again while a long code block streams. */
export const SLICE_LINES = 32;

interface Slice {
  /** Where the slice ends in the code (after a newline). */
  end: number;
  /** Its block (sliceElement). */
  element: HTMLElement;
}

/**
 * Fills the `code` element of a fenced block's shell (render.ts renderCodeShell) with its code, as it
 * grows, re-highlighting only what is new (issue 13 target 1).
 *
 * Why: re-rendering the growing block whole every frame is O(n²). A 100,000-token answer that is one
 * code block is ~450 KB of code; highlight.js alone takes ~400 ms for it, every frame at the end.
 * Here the code is cut into slices of SLICE_LINES whole lines, each highlighted and sanitised once
 * when it is finished and never touched again; only the unfinished tail is redone each frame.
 *
 * Identical to highlighting the whole: a slice ends only where highlight.js is back at the
 * language's top level (`atRoot`), outside any comment or string, so the next slice starting afresh
 * is what the whole would have done (test/unit/streamed-code.test.ts compares them). Where no such
 * line comes (a comment of 1,000 lines), the slice grows until one does. One limit, accepted: a
 * language embedding another (JSX in TypeScript, `<script>` in HTML) carries the embedded
 * language's state from one embedded region to the next; two regions in different slices start
 * the second afresh, which differs only if the first ended inside an open construct (malformed).
 */
export class StreamedCode {
  private readonly language: string | undefined;
  private readonly className: string;
  private slices: Slice[] = [];
  private tail: Node[] = [];
  private text = '';
  /** The furthest end tried for the next slice without finding a top-level line (0: none tried). */
  private triedTo = 0;

  constructor(
    readonly code: Element,
    lang: string | undefined,
  ) {
    this.language = knownLanguage(lang);
    this.className = codeClass(this.language);
  }

  update(text: string): void {
    // Code only grows while it streams, but a line that looked like code can turn into the closing
    // fence, which marked leaves out with the newline before it: drop the slices it invalidates.
    while (this.slices.length && !startsWith(text, this.text.slice(0, this.slices.at(-1)!.end))) {
      this.slices.pop()!.element.remove();
      this.triedTo = 0;
    }
    if (this.triedTo > text.length || !startsWith(text, this.text.slice(0, this.triedTo))) this.triedTo = 0;
    this.text = text;
    this.removeTail();
    let start = this.slices.at(-1)?.end ?? 0;
    // Each try takes SLICE_LINES more finished lines than the last (a comment may span many).
    for (let end = this.linesAfter(Math.max(start, this.triedTo)); end !== undefined; ) {
      const { html, atRoot } = highlightCodeBody(text.slice(start, end), this.language);
      if (!atRoot) {
        this.triedTo = end;
        end = this.linesAfter(end);
        continue;
      }
      const slice = this.sliceElement(text.slice(start, end), sanitizeCodeHtml(html, this.className));
      this.code.append(slice);
      this.slices.push({ end, element: slice });
      this.triedTo = 0;
      start = end;
      end = this.linesAfter(start);
    }
    const rest = text.slice(start);
    if (!rest) return;
    this.tail = sanitizeCodeHtml(highlightCodeBody(rest, this.language).html, this.className);
    this.code.append(...this.tail);
  }

  /**
   * Where SLICE_LINES more finished lines after `from` end (after a newline that more code follows:
   * the last line may still grow), or undefined while the code has fewer.
   */
  private linesAfter(from: number): number | undefined {
    let end = from;
    for (let i = 0; i < SLICE_LINES; i++) {
      const newline = this.text.indexOf('\n', end);
      if (newline < 0 || newline + 1 >= this.text.length) return undefined;
      end = newline + 1;
    }
    return end;
  }

  /**
   * A finished slice in a block of its own, which the browser skips laying out and painting while it
   * is off-screen (theme.css `.code-slice`: `content-visibility: auto`): an 11,000-line `pre` was laid
   * out whole each frame (bench/NOTES.md, frames while streaming). Our own element, made after
   * sanitising (an answer cannot make one: its class is not in sanitize-answer.ts's ANSWER_CLASS);
   * its text is the slice's, so the `code`'s text stays the code. `--lines` sizes it while skipped.
   */
  private sliceElement(code: string, nodes: Node[]): HTMLElement {
    const slice = this.code.ownerDocument.createElement('span');
    slice.className = 'code-slice';
    slice.style.setProperty('--lines', String(code.split('\n').length - 1));
    slice.append(...nodes);
    return slice;
  }

  private removeTail(): void {
    for (const node of this.tail) node.parentNode?.removeChild(node);
    this.tail = [];
  }
}
