import { codeClass, highlightCodeBody, knownLanguage } from './highlight-code';
import { sanitizeCodeHtml } from './render';
import { startsWith } from './starts-with';
import { own, sliceFrom, type Tail } from './text-tail';

/** Lines per slice (at least): the unit the browser lays out, or skips, of a long code block. */
export const SLICE_LINES = 32;

/**
 * Slices per group: finished slices far behind the block's end are gathered GROUP_SLICES at a time
 * into one block the browser skips, so that it checks a few dozen blocks a frame, not every slice.
 * Why: Chromium decides whether each `content-visibility: auto` element is near the view in every
 * frame (its IntersectionObserverController::computeIntersections), one check per element. With a
 * block per slice that grew to ~350 checks by the end of the 100,000-token block, a sixth of the
 * panel's main-thread CPU: O(n) a frame, O(n²) over the answer
 * (bench/probes/code-block-frames.ts; bench/NOTES.md, frames while streaming, session 12).
 */
export const GROUP_SLICES = 16;

interface Slice {
  /** Where the slice ends in the code (after a newline). */
  end: number;
  /** Its lines. */
  lines: number;
  /** Its block (closeSlice). */
  element: HTMLElement;
}

interface Piece {
  /** Where the piece ends in the code (after a newline). */
  end: number;
  /** Its lines, and its sanitised nodes (in the `code`, until a slice takes them). */
  lines: number;
  nodes: Node[];
}

/**
 * Fills the `code` element of a fenced block's shell (render.ts renderCodeShell) with its code, as it
 * grows, highlighting each finished line once (issue 13 target 1).
 *
 * Why: re-rendering the growing block whole every frame is O(n²). A 100,000-token answer that is one
 * code block is ~450 KB of code; highlight.js alone takes ~400 ms for it, every frame at the end.
 * Here each frame highlights and sanitises the lines finished since the last as one piece, kept and
 * never touched again; only the unfinished last line (the tail) is redone each frame. Pieces are
 * gathered into slices of at least SLICE_LINES lines, blocks the browser lays out only in view.
 * (Until session 8 the tail was everything after the last slice, up to 32 lines highlighted and
 * sanitised again every frame: the largest cost left in the code block's profile.)
 *
 * Identical to highlighting the whole: a piece ends only where highlight.js is back at the
 * language's top level (`atRoot`), outside any comment or string, so the next piece starting afresh
 * is what the whole would have done (test/unit/streamed-code.test.ts compares them). Where no such
 * line comes (a comment of 1,000 lines), the tail grows until one does. One limit, accepted: a
 * language embedding another (JSX in TypeScript, `<script>` in HTML) carries the embedded
 * language's state from one embedded region to the next; two regions in different pieces start
 * the second afresh, which differs only if the first ended inside an open construct (malformed).
 */
export class StreamedCode {
  private readonly language: string | undefined;
  private readonly className: string;
  private slices: Slice[] = [];
  /** Groups of GROUP_SLICES slices, in order: slice i is in group ⌊i / GROUP_SLICES⌋ while there is one. */
  private groups: HTMLElement[] = [];
  /** Pieces after the last slice, not yet SLICE_LINES lines: in the `code` directly. */
  private pieces: Piece[] = [];
  private tail: Node[] = [];
  private text = '';
  /** The code after `done()`: the part not yet highlighted for good. */
  private rest = '';
  private epoch: number | undefined;

  constructor(
    readonly code: Element,
    lang: string | undefined,
  ) {
    this.language = knownLanguage(lang);
    this.className = codeClass(this.language);
  }

  /**
   * Shows `text`. `epoch` (FencedCodeReader's): the same as the last update's, `text` starts with
   * the last text and is not compared with it (an O(n) compare of ~445 KB a frame at the end of a
   * 100,000-token block); otherwise, or without one, it is. `tail` (the reader's): what is new is read
   * from it, never from the whole `text` (a copy of it a frame: text-tail.ts).
   */
  update(text: string, epoch?: number, tail?: Tail): void {
    // Code only grows while it streams, but a line that looked like code can turn into the closing
    // fence, which marked leaves out with the newline before it: drop what it invalidates.
    const grew = epoch !== undefined && epoch === this.epoch && text.length >= this.text.length;
    if (!grew) while (this.done() > 0 && !startsWith(text, this.text.slice(0, this.done()))) this.dropLast();
    const done = this.done();
    // The code not yet highlighted for good: what was left of it, and what is new after it.
    this.rest = grew && tail && tail.of === text && tail.from >= done && tail.from <= this.text.length ? this.rest.slice(0, tail.from - done) + tail.text : sliceFrom(text, done, tail);
    this.epoch = epoch;
    this.text = text;
    this.removeTail();
    const rest = this.rest;
    // Lines are finished up to the last newline that more code follows (the last line may grow);
    // places below are in `rest`, which starts at `done` in the code.
    const lastNewline = rest.length >= 2 ? rest.lastIndexOf('\n', rest.length - 2) : -1;
    const finished = lastNewline + 1;
    const pieces: { end: number; lines: number; html: string }[] = [];
    let start = 0;
    let open = this.openLines();
    while (start < finished) {
      // Up to the slice's end first (a slice of SLICE_LINES exactly when the code allows), then on.
      let end = Math.min(linesAfter(rest, start, SLICE_LINES - open) ?? finished, finished);
      let { html, atRoot } = highlightCodeBody(rest.slice(start, end), this.language);
      if (!atRoot && end < finished) ({ html, atRoot } = highlightCodeBody(rest.slice(start, (end = finished)), this.language));
      if (!atRoot) break;
      const lines = countLines(rest, start, end);
      pieces.push({ end: done + end, lines, html });
      open = open + lines >= SLICE_LINES ? 0 : open + lines;
      start = end;
    }
    // A string of its own: a slice would keep this frame's `rest` (and what it was cut from) alive.
    this.rest = start === 0 ? rest : own(rest.slice(start));
    const left = this.rest;
    // One sanitiser call a frame for the new pieces and the tail (DOMPurify's document per call was
    // the largest cost left in the profiles: bench/NOTES.md, frames while streaming).
    const parts = sanitizeCodeHtml([...pieces.map((piece) => piece.html), ...(left ? [highlightCodeBody(left, this.language).html] : [])], this.className);
    pieces.forEach(({ end, lines }, i) => {
      this.code.append(...parts[i]!);
      this.pieces.push({ end, lines, nodes: parts[i]! });
      if (this.openLines() >= SLICE_LINES) this.closeSlice();
    });
    if (!left) return;
    this.tail = parts.at(-1)!;
    this.code.append(...this.tail);
  }

  /** Lines in the pieces after the last slice. */
  private openLines(): number {
    return this.pieces.reduce((lines, piece) => lines + piece.lines, 0);
  }

  /** How many slices, from the first, are in groups. */
  private grouped(): number {
    return this.groups.length * GROUP_SLICES;
  }

  /** Where the code highlighted for good ends. */
  private done(): number {
    return this.pieces.at(-1)?.end ?? this.slices.at(-1)?.end ?? 0;
  }

  private dropLast(): void {
    const piece = this.pieces.pop();
    if (piece) for (const node of piece.nodes) node.parentNode?.removeChild(node);
    else {
      // A group holds GROUP_SLICES slices or is no more: one with fewer would be sized wrong.
      if (this.slices.length <= this.grouped()) this.groups.pop()!.replaceWith(...this.slices.slice(-GROUP_SLICES).map((slice) => slice.element));
      this.slices.pop()!.element.remove();
    }
  }

  /**
   * The pieces after the last slice into a block of their own, which the browser skips laying out
   * and painting while it is off-screen (theme.css `.code-slice`: `content-visibility: auto`): an
   * 11,000-line `pre` was laid out whole each frame (bench/NOTES.md, frames while streaming). Our own
   * element, made after sanitising (an answer cannot make one: its class is not in
   * sanitize-answer.ts's ANSWER_CLASS); its text is the pieces', so the `code`'s text stays the code.
   * `--lines` sizes it while skipped. Called with no tail in the `code`: the pieces are its last nodes.
   */
  private closeSlice(): void {
    const slice = this.code.ownerDocument.createElement('span');
    slice.className = 'code-slice';
    const lines = this.openLines();
    slice.style.setProperty('--lines', String(lines));
    slice.append(...this.pieces.flatMap((piece) => piece.nodes));
    this.code.append(slice);
    this.slices.push({ end: this.done(), lines, element: slice });
    this.pieces = [];
    // The oldest ungrouped slices into a group once GROUP_SLICES more follow them: far enough from
    // the end (~500 lines) that the group starts off-screen while the view follows the answer, so
    // gathering it lays nothing out.
    if (this.slices.length - this.grouped() >= 2 * GROUP_SLICES) this.closeGroup();
  }

  /**
   * The first GROUP_SLICES ungrouped slices into a block of their own (theme.css `.code-slices`),
   * skipped while off-screen as a whole and sized by their lines; the slices in it are laid out
   * with it (`content-visibility: visible`), so the browser no longer checks them one by one. Our
   * own element, like a slice (its class is not one an answer can have).
   */
  private closeGroup(): void {
    const first = this.grouped();
    const slices = this.slices.slice(first, first + GROUP_SLICES);
    const group = this.code.ownerDocument.createElement('span');
    group.className = 'code-slices';
    group.style.setProperty('--lines', String(slices.reduce((lines, slice) => lines + slice.lines, 0)));
    slices[0]!.element.before(group);
    group.append(...slices.map((slice) => slice.element));
    this.groups.push(group);
  }

  private removeTail(): void {
    for (const node of this.tail) node.parentNode?.removeChild(node);
    this.tail = [];
  }
}

/** Where `count` more finished lines after `from` end in `text`, or undefined while it has fewer. */
function linesAfter(text: string, from: number, count: number): number | undefined {
  let end = from;
  for (let i = 0; i < count; i++) {
    const newline = text.indexOf('\n', end);
    if (newline < 0 || newline + 1 >= text.length) return undefined;
    end = newline + 1;
  }
  return end;
}

/** Newlines in text[from, to): the lines of a piece, which ends after one. */
function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}
