import { describe, expect, it, vi } from 'vitest';
import { codeAnswer } from '../../bench/frame-benches';
import { seededRandom } from '../../bench/lib/seeded-random';
import { AnswerStreams } from '@/lib/chat/answer-streams';
import { answerMarked } from '@/lib/markdown/answer-marked';
import { BlockSplitter } from '@/lib/markdown/block-splitter';
import { FencedCodeReader, fencedCodeBlock } from '@/lib/markdown/fenced-code-block';

/**
 * `text` streamed in pieces of 1 to `maxStep` characters (seeded), split into blocks as the panel
 * does, each block read by its own FencedCodeReader (the panel's Block keeps one per place): the
 * first block whose reading differs from fencedCodeBlock's (marked on the whole block), or whose
 * tail is not the end of its code, or undefined. With `tails`, as the panel streams: the text grows
 * by `+` and the splitter reads the deltas (answer-streams.ts), the last block is read with the
 * splitter's tail.
 */
function firstDifference(text: string, maxStep: number, seed: number, tails = true) {
  const random = seededRandom(seed);
  const splitter = new BlockSplitter();
  const streams = new AnswerStreams();
  const readers: FencedCodeReader[] = [];
  let grown = '';
  for (let end = 0; ; end = Math.min(text.length, end + 1 + Math.floor(random() * maxStep))) {
    const added = text.slice(grown.length, end);
    if (tails) streams.grew('a', grown, (grown = grown + added), added);
    else grown = text.slice(0, end);
    const blocks = splitter.split(grown, tails ? (from) => streams.after('a', grown, from) : undefined);
    for (const [i, block] of blocks.entries()) {
      // Told the splitter's generation, as the panel's Block is (the block then is not compared).
      const tail = tails && i === blocks.length - 1 ? splitter.tail : undefined;
      const { epoch: _epoch, tail: codeTail, ...read } = (readers[i] ??= new FencedCodeReader()).read(block, splitter.generation, tail) ?? {};
      const whole = fencedCodeBlock(block) ?? {};
      if (JSON.stringify(read) !== JSON.stringify(whole)) return { block, read, whole };
      const text = 'text' in read ? read.text : undefined;
      if (codeTail && (codeTail.of !== text || text.slice(codeTail.from) !== codeTail.text)) return { block, read, codeTail };
    }
    if (end === text.length) return undefined;
  }
}

/** Random Markdown of fenced blocks whose code holds lines that look like fences, or nearly. */
function fenceMix(seed: number, lines = 300): string {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  return Array.from({ length: lines }, () =>
    pick([
      '```', '```ts', '````', '````md', '~~~', '~~~~ py', '   ```', '  ```js', '    ```', '```` ', '```~', '~~~`', '``` not a closer',
      '``', '~~', ' ``', '```\r', 'code\r', '\r', 'const a = 1;', '  indented();', '\tx = 2', '', '', 'text', '// ``` in a comment',
    ]),
  ).join('\n');
}

describe('FencedCodeReader', () => {
  it('reads the 100,000-token answer’s code block as marked does, frame by frame', { timeout: 60_000 }, () => {
    for (const tails of [true, false]) {
      expect(firstDifference(codeAnswer().slice(0, 6_000).join(''), 200, 1, tails)).toBeUndefined();
      expect(firstDifference(codeAnswer().slice(0, 1_500).join(''), 12, 2, tails)).toBeUndefined();
    }
  });

  it('reads fences of every kind as marked does, with fence-like lines, indentation and \\r in the code, cut anywhere', { timeout: 60_000 }, () => {
    for (let seed = 1; seed <= 40; seed++) {
      expect(firstDifference(fenceMix(seed), 9, seed), `seed ${seed}`).toBeUndefined();
      expect(firstDifference(fenceMix(seed), 9, seed, false), `seed ${seed}, no tails`).toBeUndefined();
    }
  });

  it('lexes an open fence once, not the whole block again each frame', () => {
    const lexer = vi.spyOn(answerMarked, 'lexer');
    const reader = new FencedCodeReader();
    let block = '```ts\n';
    for (let i = 0; i < 500; i++) reader.read((block += `const v${i} = ${i};\n`));
    // Marked read the first block (and found the fence open); the 499 longer ones were read on from it.
    expect(lexer).toHaveBeenCalledTimes(1);
    expect(reader.read(block)).toMatchObject(fencedCodeBlock(block)!);
  });

  it('reads a block that does not extend the last one from its start', () => {
    const reader = new FencedCodeReader();
    expect(reader.read('```ts\nconst a = 1;\nconst b')).toMatchObject({ lang: 'ts', text: 'const a = 1;\nconst b' });
    expect(reader.read('```py\nx = 1')).toMatchObject({ lang: 'py', text: 'x = 1' });
    expect(reader.read('Just text')).toBeUndefined();
    expect(reader.read('```\nclosed\n```\nthen text')).toBeUndefined();
  });

  it('gives a new epoch whenever the code may not start with the last code', () => {
    const reader = new FencedCodeReader();
    const first = reader.read('```ts\nconst a = 1;\n', 0)!;
    // More code: the same epoch (streamed-code.ts then skips comparing the code with the last).
    expect(reader.read('```ts\nconst a = 1;\nconst b = 2;', 0)).toMatchObject({ lang: 'ts', text: 'const a = 1;\nconst b = 2;', epoch: first.epoch });
    // The closing fence takes the last newline off the code: a new epoch.
    expect(reader.read('```ts\nconst a = 1;\nconst b = 2;\n```', 0)!.epoch).not.toBe(first.epoch);
    // Another text (the splitter's generation moved on), longer: read by marked, a new epoch.
    const other = reader.read('```ts\nlet z = 26;\nlet y = 25;\nlet x = 24;\n', 1)!;
    expect(other).toMatchObject({ lang: 'ts', text: 'let z = 26;\nlet y = 25;\nlet x = 24;' });
    expect(other.epoch).toBeGreaterThan(first.epoch + 1);
  });
});
