import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/lib/seeded-random';
import { AnswerStreams } from '@/lib/chat/answer-streams';

describe('AnswerStreams (the deltas a streaming answer grew by)', () => {
  it('gives text.slice(from) for every place in what the deltas cover, as the store grows the text', () => {
    const random = seededRandom(7);
    const streams = new AnswerStreams();
    // It started from text that was already there (a snapshot): the deltas cover only what followed.
    let text = 'before the deltas. ';
    const start = text.length;
    for (let i = 0; i < 60; i++) {
      const added = 'x y\n`'.repeat(Math.floor(random() * 4)) + String(i);
      streams.grew('a', text, (text = text + added), added);
      for (let from = start; from <= text.length; from++) expect(streams.after('a', text, from), `${i} from ${from}`).toBe(text.slice(from));
      expect(streams.after('a', text, start - 1)).toBeUndefined();
    }
  });

  it('says nothing of other text than the last the store gave, or of another answer, or once it ended', () => {
    const streams = new AnswerStreams();
    streams.grew('a', '', 'one', 'one');
    streams.grew('a', 'one', 'one two', ' two');
    expect(streams.after('a', 'one two', 3)).toBe(' two');
    // The same characters in another order (a snapshot replaced the text): the caller reads the text itself.
    expect(streams.after('a', 'two one', 3)).toBeUndefined();
    expect(streams.after('a', 'one', 1)).toBeUndefined();
    expect(streams.after('b', 'one two', 3)).toBeUndefined();
    // Text the store set some other way, then grew: the deltas start again from there.
    streams.grew('a', 'replaced', 'replaced!', '!');
    expect(streams.after('a', 'replaced!', 8)).toBe('!');
    expect(streams.after('a', 'replaced!', 3)).toBeUndefined();
    streams.end('a');
    expect(streams.after('a', 'replaced!', 8)).toBeUndefined();
  });
});
