import { describe, expect, it } from 'vitest';
import { longAnswer } from '../../bench/browser-benches';
import { codeAnswer } from '../../bench/frame-benches';
import { seededRandom } from '../../bench/lib/seeded-random';
import { AnswerStreams } from '@/lib/chat/answer-streams';
import { BlockSplitter } from '@/lib/markdown/block-splitter';

/**
 * splitBlocks as it was before BlockSplitter (session 6): the whole text, line by line, every time.
 * The reference the incremental splitter must agree with, prefix by prefix.
 */
function wholeSplit(markdown: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | undefined;
  for (const line of markdown.split('\n')) {
    const opener = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      current.push(line);
      if (opener && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener) fence = undefined;
      continue;
    }
    if (opener) {
      fence = opener;
      current.push(line);
      continue;
    }
    if (line.trim() === '') {
      if (current.length) blocks.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  if (current.length) blocks.push(current.join('\n'));
  return blocks;
}

/**
 * `text` fed to one splitter in pieces of 1 to `maxStep` characters (random, seeded: a piece may end
 * mid-line, mid-fence), as the panel feeds it frame by frame; the first prefix whose blocks differ
 * from a split of the whole prefix, or whose tail is not the end of the last block, or undefined.
 * With `deltas`, as the panel streams: the text grows by `+` and the splitter is given the deltas
 * (answer-streams.ts) to read what is new from.
 */
function firstDifference(text: string, maxStep: number, seed: number, deltas = false): { prefix: string; streamed: readonly string[]; whole: string[] } | undefined {
  const random = seededRandom(seed);
  const splitter = new BlockSplitter();
  const streams = new AnswerStreams();
  let prefix = '';
  for (let end = 0; ; end = Math.min(text.length, end + 1 + Math.floor(random() * maxStep))) {
    const added = text.slice(prefix.length, end);
    if (deltas) streams.grew('a', prefix, (prefix = prefix + added), added);
    else prefix = text.slice(0, end);
    const streamed = splitter.split(prefix, deltas ? (from) => streams.after('a', prefix, from) : undefined);
    const whole = wholeSplit(prefix);
    if (streamed.length !== whole.length || streamed.some((block, i) => block !== whole[i])) return { prefix, streamed, whole };
    const tail = splitter.tail;
    if (tail && (tail.of !== streamed.at(-1) || tail.of.slice(tail.from) !== tail.text)) return { prefix, streamed, whole };
    if (end === text.length) return undefined;
  }
}

/** Random Markdown made of the lines that decide where blocks end: fences of each kind, blank lines, text. */
function fencedMarkdown(seed: number, lines = 400): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: lines }, () =>
    pick([
      '```', '```ts', '````', '````md', '~~~', '~~~~', '   ```', '    ```', '\t```', '``` not a closer', '```` ', ' ~~~ ',
      '', '', '', '   ', '\t', 'text', 'more text', '- item', '# heading', '> quote', 'a line with ``` inside', '``', '~~', '```\r', 'text\r', '\r',
    ]),
  ).join('\n');
}

describe('BlockSplitter', () => {
  it('gives what a split of the whole gives, at every prefix of the 20,000-token bench answer', { timeout: 60_000 }, () => {
    // Pieces of up to 40 characters over its first 3,000 tokens, of up to 400 over the whole (a split
    // of the whole is ~1 ms at its end: every prefix would take too long here).
    for (const deltas of [false, true]) {
      expect(firstDifference(longAnswer(3_000).join(''), 40, 1, deltas)).toBeUndefined();
      expect(firstDifference(longAnswer(20_000).join(''), 400, 4, deltas)).toBeUndefined();
    }
  });

  it('gives what a split of the whole gives while the 100,000-token code block streams', { timeout: 60_000 }, () => {
    // Its first 8,000 tokens: the opening prose, the fence and ~900 lines of code in one open block.
    for (const deltas of [false, true]) {
      expect(firstDifference(codeAnswer().slice(0, 8_000).join(''), 200, 2, deltas)).toBeUndefined();
      expect(firstDifference(codeAnswer().slice(-3_000).join(''), 30, 3, deltas)).toBeUndefined();
    }
  });

  it('carries an open fence over from one call to the next, whatever its kind and wherever the text was cut', { timeout: 60_000 }, () => {
    for (let seed = 1; seed <= 30; seed++) {
      expect(firstDifference(fencedMarkdown(seed), 12, seed), `seed ${seed}`).toBeUndefined();
      expect(firstDifference(fencedMarkdown(seed), 12, seed, true), `seed ${seed}, deltas`).toBeUndefined();
    }
  });

  it('keeps its generation while the text grows, and each block then starts with the block that was at its place', { timeout: 60_000 }, () => {
    // What FencedCodeReader relies on to skip comparing a growing block with the last (issue 13 target 1).
    for (const [seed, text] of [[1, longAnswer(2_000).join('')], [2, codeAnswer().slice(0, 3_000).join('')], ...Array.from({ length: 20 }, (_, i) => [i + 3, fencedMarkdown(i + 3)] as const)] as const) {
      const random = seededRandom(seed);
      const splitter = new BlockSplitter();
      let last: readonly string[] = [];
      for (let end = 0; end < text.length; end = Math.min(text.length, end + 1 + Math.floor(random() * 25))) {
        const blocks = splitter.split(text.slice(0, end));
        expect(splitter.generation, `seed ${seed}`).toBe(0);
        const broken = last.findIndex((block, i) => !blocks[i]?.startsWith(block));
        expect(broken, `seed ${seed} at ${end}: the block at this index no longer starts with the last one there`).toBe(-1);
        last = blocks;
      }
    }
    const splitter = new BlockSplitter();
    splitter.split('Intro\n\n```js\nconst a');
    splitter.split('Other answer');
    expect(splitter.generation).toBe(1);
  });

  it('splits text that does not extend the last one from its start', () => {
    const splitter = new BlockSplitter();
    splitter.split('Intro\n\n```js\nconst a = 1;\n\nconst');
    expect(splitter.split('Other\n\nanswer')).toEqual(['Other', 'answer']);
    expect(splitter.split('Other\n\nanswer\n\n```\nx')).toEqual(['Other', 'answer', '```\nx']);
    expect(splitter.split('')).toEqual([]);
    expect(splitter.split('a\n\nb')).toEqual(['a', 'b']);
  });

  it('hands back each finished block as the same string as the text grows, so a memo compares it at once', () => {
    const splitter = new BlockSplitter();
    const before = splitter.split('# Title\n\nFirst paragraph.\n\nSecond par');
    const after = splitter.split('# Title\n\nFirst paragraph.\n\nSecond paragraph, longer now.');
    expect(after).toEqual(['# Title', 'First paragraph.', 'Second paragraph, longer now.']);
    expect(after[0]).toBe(before[0]);
    expect(after[1]).toBe(before[1]);
  });
});
