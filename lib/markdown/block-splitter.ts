import { startsWith } from './starts-with';

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
  /** Blocks finished by a blank line, each a string of its own (see `own`). */
  private finished: string[] = [];
  /** Where the lines read end: the start of the last line, which may still grow. */
  private read = 0;
  /** The open block: where its first line starts and its last line read ends (-1: none open). */
  private start = -1;
  private end = -1;
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

  /** The blocks of `text`: every one but the last is finished; the last may still grow. */
  split(text: string): readonly string[] {
    if (text === this.text) return this.blocks;
    if (!startsWith(text, this.text)) this.reset();
    this.text = text;
    for (let newline = text.indexOf('\n', this.read); newline >= 0; newline = text.indexOf('\n', this.read)) {
      const finished = this.line(this.read, newline);
      if (finished !== undefined) this.finished.push(own(finished));
      this.read = newline + 1;
    }
    // The last line, after the last newline, may still grow: read on a copy of the state.
    const { start, end, fence } = this;
    const finished = this.line(this.read, text.length);
    const open = this.start >= 0 ? text.slice(this.start, this.end) : undefined;
    Object.assign(this, { start, end, fence });
    this.blocks = [...this.finished, ...(finished !== undefined ? [finished] : []), ...(open !== undefined ? [open] : [])];
    return this.blocks;
  }

  /** Reads the line [from, to) of the text (splitBlocks' rule); returns the block it finishes, if any. */
  private line(from: number, to: number): string | undefined {
    const line = this.text.slice(from, to);
    const opener = fenceOf(line);
    if (this.fence) {
      this.end = to;
      if (opener && opener[0] === this.fence[0] && opener.length >= this.fence.length && line.trim() === opener) this.fence = undefined;
      return undefined;
    }
    if (line.trim() === '') {
      if (this.start < 0) return undefined;
      const block = this.text.slice(this.start, this.end);
      this.start = this.end = -1;
      return block;
    }
    if (opener) this.fence = opener;
    if (this.start < 0) this.start = from;
    this.end = to;
    return undefined;
  }

  private reset(): void {
    this.generation++;
    Object.assign(this, { text: '', finished: [], read: 0, start: -1, end: -1, fence: undefined, blocks: [] });
  }
}

/**
 * A finished block as a string of its own. A substring is, in V8, a view that keeps the string it was
 * cut from alive (13 characters or more); a finished block is kept as long as its message is shown,
 * and the string it was cut from is the whole answer as it was in that frame, so the blocks of a
 * 20,000-token answer would keep hundreds of the answer's earlier versions alive. Flattening the
 * block with one character more copies it (into a string of its own length); the view of that copy
 * keeps only the copy.
 */
const own = (block: string) => (block + '\n').slice(0, -1);
