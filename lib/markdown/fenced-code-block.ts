import type { Tokens } from 'marked';
import { answerMarked } from './answer-marked';
import { startsWith } from './starts-with';
import { sliceFrom, type Tail } from './text-tail';

/** A fence at the start of a block (CommonMark §4.5: up to three spaces, then ``` or ~~~). */
const FENCE_START = /^ {0,3}(?:`{3}|~{3})/;
/** A line that could open or close a fence, anywhere in some text (a new line, in FencedCodeReader). */
const FENCE_LINE = /(?:^|\n) {0,3}(?:`{3}|~{3})/;

export interface FencedCode {
  lang: string | undefined;
  text: string;
}

/**
 * When a block (from splitBlocks) is one fenced code block and nothing else, open or closed, its
 * language (the info string) and code, exactly as marked reads them; otherwise undefined. Such a
 * block can be rendered slice by slice as it streams (streamed-code.ts) rather than re-highlighted
 * whole every frame.
 */
export function fencedCodeBlock(block: string): FencedCode | undefined {
  if (!FENCE_START.test(block)) return undefined;
  const tokens = answerMarked.lexer(block).filter((token) => token.type !== 'space');
  const code = tokens[0] as Tokens.Code | undefined;
  if (tokens.length !== 1 || code?.type !== 'code' || code.codeBlockStyle === 'indented') return undefined;
  return { lang: code.lang, text: code.text };
}

/**
 * The code of a fence still open at the end of `block`, as marked's fence rule reads it: everything
 * after the info line, less one final newline (marked 18 `fences`: `([\s\S]*?)(?:\n|$)` then `$`),
 * and one more newline where that capture is empty or ends with one (marked's tokenizer adds it).
 * Only for a fence at column 0 (no indentation to take off each line) in text without `\r` (which
 * marked's lexer rewrites); undefined otherwise.
 */
function openFenceText(block: string): string | undefined {
  if (!block.includes('\n') || !/^(?:`{3}|~{3})/.test(block) || block.includes('\r')) return undefined;
  return openFenceCode(block);
}

/** openFenceText for a block already known to qualify (O(its first line), not O(the block)). */
function openFenceCode(block: string): string {
  const body = block.slice(block.indexOf('\n') + 1);
  if (!body) return '';
  // The fence rule's capture, then marked's own step: a capture that is empty or ends with a
  // newline gets one more (so "a\n\n" stays "a\n\n" while "a\n" is "a").
  const captured = body.endsWith('\n') ? body.slice(0, -1) : body;
  return captured === '' || captured.endsWith('\n') ? `${captured}\n` : captured;
}

/**
 * fencedCodeBlock for one block as it grows, without lexing the whole open fence every frame: a
 * 100,000-token answer that is one code block sent ~445 KB through marked's fence rule each frame
 * (issue 13 target 1; 1.1 s of its profile, with more in the copies around it). Once marked has read
 * the block as one fence still open at its end, a longer block that starts with it and adds no line
 * that looks like a fence (``` or ~~~ after up to three spaces: it may close the fence) is the same
 * fence with more code: its code is read from the block directly (openFenceText, which the first
 * read checked against marked's). Anything else goes to marked whole.
 * test/unit/fenced-code-reader.test.ts checks it against fencedCodeBlock prefix by prefix.
 */
export class FencedCodeReader {
  private block = '';
  private code: (FencedCode & { epoch: number; tail?: Tail }) | undefined;
  /** Whether `code` is a fence still open at the end of `block` (column 0, no `\r`). */
  private open = false;
  private generation: number | undefined;
  /** Counts the reads by marked: codes read with the same epoch each extend the last. */
  private epoch = 0;
  /** Where the last line of `block` starts (what a longer block may have grown). */
  private lastLine = 0;
  /** Where the code starts in `block` (after the info line); everything after it less its last character, the one before that, and the last. */
  private bodyStart = 0;
  private head = '';
  private prev = '';
  private last = '';

  /**
   * The block's code, if it is one fenced code block, with its epoch: a code of the same epoch as
   * one read before starts with it (streamed-code.ts need not compare them). `generation` is the
   * BlockSplitter's that cut the block: the same as the last read's, the block extends the last
   * one and is not compared with it (an O(n) compare, every frame); without it, it is. `tail`, the
   * splitter's: the new lines are read from it, and the code comes with a tail of its own, so that
   * nothing reads the whole block (a copy of it a frame: text-tail.ts).
   */
  read(block: string, generation?: number, tail?: Tail): (FencedCode & { epoch: number; tail?: Tail }) | undefined {
    if (block === this.block && generation === this.generation) return this.code;
    const extendsLast = generation !== undefined && generation === this.generation ? block.length >= this.block.length : startsWith(block, this.block);
    this.generation = generation;
    if (this.open && extendsLast) {
      // The new lines start at the start of the last line read (it may have grown).
      const added = sliceFrom(block, this.lastLine, tail);
      if (!FENCE_LINE.test(added) && !added.includes('\r')) {
        const from = this.lastLine;
        const before = this.code!.text.length;
        const grown = added.slice(this.block.length - from);
        this.lastLine = from + added.lastIndexOf('\n') + 1;
        this.block = block;
        // The code is everything after the info line less a final newline, unless that leaves it
        // empty or ending in a newline (openFenceCode, marked's rule). Built by appending the new
        // characters, never cut from the block: its last two characters are kept aside.
        if (grown) {
          this.head = this.head + this.last + grown.slice(0, -1);
          this.prev = grown.length > 1 ? grown.at(-2)! : this.last;
          this.last = grown.at(-1)!;
        }
        const trim = this.last === '\n' && this.prev !== '' && this.prev !== '\n';
        const text = trim ? this.head : this.head + this.last;
        // The code from where the block's new lines start, or from where the last code ended if that
        // is before: it left off its final newline (marked's rule), which is the one character between.
        const codeFrom = Math.min(from - this.bodyStart, before);
        const lead = from - this.bodyStart > codeFrom ? '\n' : '';
        const codeTail = { of: text, from: codeFrom, text: (lead + added).slice(0, Math.max(0, text.length - codeFrom)) };
        this.code = { lang: this.code!.lang, text, epoch: this.epoch, tail: codeTail };
        return this.code;
      }
    }
    this.block = block;
    const code = fencedCodeBlock(block);
    this.code = code && { ...code, epoch: ++this.epoch };
    this.open = code !== undefined && openFenceText(block) === code.text;
    if (this.open) {
      this.lastLine = block.lastIndexOf('\n') + 1;
      this.bodyStart = block.indexOf('\n') + 1;
      const body = block.slice(this.bodyStart);
      this.head = body.slice(0, -1);
      this.prev = body.slice(-2, -1);
      this.last = body.slice(-1);
    }
    return this.code;
  }
}
