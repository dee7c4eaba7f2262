import { describe, expect, it } from 'vitest';
import { estimateRowHeight, withKeptRows } from '@/components/chat/window-rows';

describe('withKeptRows', () => {
  it('adds a row being edited or holding focus, far from the view, in order and once', () => {
    expect(withKeptRows([40, 41, 42, 43], [3, 42, 900], 1000)).toEqual([3, 40, 41, 42, 43, 900]);
  });

  it('drops rows that no longer exist (not found: -1; past the end after a version switch)', () => {
    expect(withKeptRows([0, 1], [-1, 5], 3)).toEqual([0, 1]);
  });
});

describe('estimateRowHeight', () => {
  it('grows with the lines of text, long lines wrapping', () => {
    const short = estimateRowHeight({ role: 'assistant', content: 'Yes.' });
    const lines = estimateRowHeight({ role: 'assistant', content: 'a\nb\nc\nd' });
    const wrapped = estimateRowHeight({ role: 'assistant', content: 'x'.repeat(48 * 4) });
    expect(lines - short).toBe(3 * 22);
    expect(wrapped).toBe(lines);
  });

  it('reads a message’s text once, however often the rows ask; a changed message (a new object) is read again', () => {
    let reads = 0;
    const text = 'a\nb\nc';
    const entry = {
      role: 'assistant' as const,
      get content() {
        reads++;
        return text;
      },
    };
    const first = estimateRowHeight(entry);
    expect(estimateRowHeight(entry)).toBe(first);
    expect(reads).toBe(1);
    expect(estimateRowHeight({ ...entry, content: `${text}\nd` })).toBe(first + 22);
  });

  it('counts room for attached images', () => {
    const plain = estimateRowHeight({ role: 'user', content: 'Look' });
    expect(estimateRowHeight({ role: 'user', content: 'Look', images: [{} as never] })).toBeGreaterThan(plain + 100);
  });
});
