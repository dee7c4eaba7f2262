import { fencedCodeBlock } from '@/lib/markdown/fenced-code-block';
import { markdownHtml, renderCodeShell, withCopyButtons } from '@/lib/markdown/render';
import { sanitizeAnswer, sanitizeMarkdownBlocks } from '@/lib/markdown/sanitize-answer';
import { splitBlocks } from '@/lib/markdown/split-blocks';
import { StreamedCode } from '@/lib/markdown/streamed-code';
import type { Build } from './idle-fill';

/** Blocks per `md-group`, as Markdown.tsx groups them. */
const GROUP = 32;
/** At most this much of a code block is highlighted in one step (about a millisecond). */
const CODE_STEP = 2_000;
/**
 * Blocks' HTML sanitised together once this much has gathered (or at the answer's end): four times
 * the prose of the bench's 300-token answer (~2,000 characters of HTML in 24 blocks), so most
 * answers take one call; a long one takes a call per stretch this long, so no step sanitises much
 * more than this (a step is meant to take a millisecond or two: idle-fill.ts).
 */
const SANITISE_CHARS = 8_000;

/**
 * A finished answer rendered outside React, a step at a time, into nodes that are never put in the
 * page (the idle fill keeps them: idle-fill.ts, rendered-answers.ts): the same nodes Markdown.tsx
 * renders for the same text, through the same code (blocks split by splitBlocks, grouped by 32;
 * a block that is one fenced code block a shell filled by StreamedCode, any other block
 * renderMarkdownFragment's parse, sanitiser and copy buttons). test/unit/chat/idle-fill.test.tsx
 * compares the two. A step is one block, or CODE_STEP characters of a long code block (StreamedCode
 * takes code as it grows, and ends with what highlighting it whole gives), so no step takes long.
 * One difference in how, not what: the blocks without raw HTML are parsed a step each but sanitised
 * together (sanitizeMarkdownBlocks), up to SANITISE_CHARS of HTML in one call, their empty block
 * elements filled then: DOMPurify's document and walk per call were most of an answer's garbage,
 * which a first scroll collects mid-scroll (bench/NOTES.md, a 1,000-message conversation). The
 * nodes are never in the page, so a block filled a few steps late is never seen empty.
 */
export class AnswerBuild implements Build {
  readonly nodes: DocumentFragment;
  private readonly blocks: string[];
  private next = 0;
  private group: HTMLElement | undefined;
  /** A code block being filled: its code, how much is in, and its filler. */
  private code: { text: string; done: number; filler: StreamedCode } | undefined;
  /** Blocks parsed but not yet sanitised: their elements, their HTML and its length. */
  private unsanitised: { blocks: HTMLElement[]; html: string[]; chars: number } = { blocks: [], html: [], chars: 0 };

  constructor(text: string, private readonly doc: Document = document) {
    this.nodes = doc.createDocumentFragment();
    this.blocks = splitBlocks(text);
  }

  step(): boolean {
    if (this.code) this.fillCode(this.code);
    else if (this.next < this.blocks.length) this.startBlock(this.blocks[this.next]!, this.next++);
    const done = !this.code && this.next >= this.blocks.length;
    if (done || this.unsanitised.chars >= SANITISE_CHARS) this.sanitise();
    return done;
  }

  private startBlock(source: string, index: number): void {
    if (index % GROUP === 0) {
      this.group = this.doc.createElement('div');
      this.group.className = 'md-group';
      this.nodes.append(this.group);
    }
    const block = this.doc.createElement('div');
    block.className = 'md-block';
    this.group!.append(block);
    const code = fencedCodeBlock(source);
    if (!code) return this.parse(block, source);
    // Our own shell (sanitised once per language: render.ts), as CodeBlock sets it.
    block.innerHTML = renderCodeShell(code.lang);
    this.code = { text: code.text, done: 0, filler: new StreamedCode(block.querySelector('code')!, code.lang) };
    this.fillCode(this.code);
  }

  /** A block of Markdown: with raw HTML sanitised at once, alone (prefilter first); else gathered. */
  private parse(block: HTMLElement, source: string): void {
    const { html, hasRawHtml } = markdownHtml(source);
    if (hasRawHtml) return void block.append(withCopyButtons(sanitizeAnswer(html, true)));
    this.unsanitised.blocks.push(block);
    this.unsanitised.html.push(html);
    this.unsanitised.chars += html.length;
  }

  /** The blocks gathered, sanitised in one call, into their elements. */
  private sanitise(): void {
    const { blocks, html } = this.unsanitised;
    if (!blocks.length) return;
    sanitizeMarkdownBlocks(html).forEach((fragment, i) => blocks[i]!.append(withCopyButtons(fragment)));
    this.unsanitised = { blocks: [], html: [], chars: 0 };
  }

  private fillCode(code: { text: string; done: number; filler: StreamedCode }): void {
    // Up to a line's end past CODE_STEP more characters, or the whole code.
    const newline = code.text.indexOf('\n', code.done + CODE_STEP);
    const end = newline < 0 ? code.text.length : newline + 1;
    code.filler.update(code.text.slice(0, end), 1);
    code.done = end;
    if (end >= code.text.length) this.code = undefined;
  }
}

/** An answer's build, for the idle fill. */
export const buildAnswer = (text: string): Build => new AnswerBuild(text);
