import { startsWith } from './starts-with';
import { own, type Tail } from './text-tail';

/** A line that opens or closes a fenced code block (CommonMark §4.5): its fence, else undefined. */
const fenceOf = (line: string) => /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];

/**
 * Splits Markdown into top-level blocks at blank lines outside fenced code (splitBlocks), again and
 * again as an answer grows, reading only what is new: the text only grows while it streams, so the
 * lines already read, the blocks they finished and whether a fence is open are kept from one call to
 * the next, and each call reads from the start of the last line (which may have grown). Splitting the
 * whole answer every frame was O(n²) over the stream (issue 13 target 1: 331 ms of a 20,000-token
 * answer's profile). Text that does not start with the last text (another answer, an edit) is split
 * from its start. test/unit/block-splitter.test.ts checks it against a split of the whole, prefix by
 * prefix.
 */
export class BlockSplitter {
  private text = '';
  /** Blocks finished by a blank line, each a string of its own (text-tail.ts `own`). */
  private finished: string[] = [];
  /** The text from the start of its last line (which may still grow): all that is read again. */
  private line = '';
  /**
   * The open block up to the last line (its lines joined by newlines), or undefined: built by
   * appending the lines read, never cut from the whole text (see `split`).
   */
  private open: string | undefined;
  /** The open fenced code block's fence (``` or ~~~, 3 or more). */
  private fence: string | undefined;
  private blocks: string[] = [];
  /**
   * Counts the texts split from their start. While it stays the same, each text extends the last,
   * and the block at any index extends the block that was at that index (its start is fixed once
   * read; it only grows): readers of one block can then skip comparing it with the last
   * (fenced-code-block.ts FencedCodeReader), an O(n) compare of ~445 KB a frame for a long code block.
   */
  generation = 0;
  /**
   * What this split added to the last block, when that block is still open (text-tail.ts): the
   * open block of a 100,000-token code block is the whole answer, and its readers take the new
   * lines from here rather than read it whole.
   */
  tail: Tail | undefined;

  /**
   * The blocks of `text`: every one but the last is finished; the last may still grow. `after`, when
   * given, is `text.slice(from)` from the deltas the text grew by (chat-store.ts, answer-streams.ts),
   * or undefined where it cannot say: with it, a text that extends the last is read without touching
   * the whole (no per-frame copy of the answer: text-tail.ts).
   */
  split(text: string, after?: (from: number) => string | undefined): readonly string[] {
    if (text === this.text) return this.blocks;
    let added = text.length >= this.text.length ? after?.(this.text.length) : undefined;
    if (added === undefined) {
      if (startsWith(text, this.text)) added = text.slice(this.text.length);
      else {
        this.reset();
        added = text;
      }
    }
    this.text = text;
    // The last line read, grown, and the lines after it: everything else is read already.
    const fresh = this.line + added;
    const before = this.open;
    let continued = before !== undefined;
    let from = 0;
    for (let newline = fresh.indexOf('\n'); newline >= 0; newline = fresh.indexOf('\n', from)) {
      const finished = this.take(fresh.slice(from, newline));
      if (finished !== undefined) {
        this.finished.push(own(finished));
        continued = false;
      }
      from = newline + 1;
    }
    this.line = own(fresh.slice(from));
    // The last line, which may still grow: read on a copy of the state.
    const { open, fence } = this;
    const finished = this.take(this.line);
    const last = this.open;
    Object.assign(this, { open, fence });
    this.blocks = [...this.finished, ...(finished !== undefined ? [finished] : []), ...(last !== undefined ? [last] : [])];
    // Every line of `fresh` went into the open block when it was open before and none finished it.
    this.tail =
      last === undefined || finished !== undefined ? undefined : continued ? { of: last, from: before!.length, text: `\n${fresh}` } : { of: last, from: 0, text: last };
    return this.blocks;
  }

  /** Reads one whole line (splitBlocks' rule); returns the block it finishes, if any. */
  private take(line: string): string | undefined {
    const opener = fenceOf(line);
    if (this.fence) {
      this.open = `${this.open!}\n${line}`;
      if (opener && opener[0] === this.fence[0] && opener.length >= this.fence.length && line.trim() === opener) this.fence = undefined;
      return undefined;
    }
    if (line.trim() === '') {
      const block = this.open;
      this.open = undefined;
      return block;
    }
    if (opener) this.fence = opener;
    this.open = this.open === undefined ? line : `${this.open}\n${line}`;
    return undefined;
  }

  private reset(): void {
    this.generation++;
    Object.assign(this, { text: '', finished: [], line: '', open: undefined, fence: undefined, blocks: [], tail: undefined });
  }
}
