import { describe, expect, it } from 'vitest';
import { historyOf, type ChatEntry } from '@/lib/chat/chat-store';
import { DeltaBatcher } from '@/lib/chat/delta-batcher';
import { chooseModel, offeredModels } from '@/lib/chat/model-lists';
import { defaultProviderConfigs } from '@/lib/settings/provider-forms';

describe('DeltaBatcher', () => {
  it('shows an answer’s first delta at once, then hands over the rest once per frame, per run, in order', () => {
    const frames: (() => void)[] = [];
    const batches: Map<string, string>[] = [];
    const batcher = new DeltaBatcher((b) => batches.push(b), (flush) => frames.push(flush));
    batcher.add('a', 'He');
    batcher.add('b', 'X');
    expect(batches).toEqual([new Map([['a', 'He']]), new Map([['b', 'X']])]); // first of each: no wait
    batcher.add('a', 'l');
    batcher.add('b', 'Y');
    batcher.add('a', 'lo');
    expect(frames).toHaveLength(1); // one frame scheduled for three deltas
    expect(batches).toHaveLength(2);
    frames[0]!();
    expect(batches[2]).toEqual(new Map([['a', 'llo'], ['b', 'Y']]));
    batcher.add('a', '!');
    expect(frames).toHaveLength(2);
  });

  it('flushes on demand before an answer is marked finished', () => {
    const batches: Map<string, string>[] = [];
    const batcher = new DeltaBatcher((b) => batches.push(b), () => undefined);
    batcher.add('a', 'first');
    batcher.add('a', 'tail');
    batcher.flush();
    batcher.flush(); // nothing pending: nothing applied
    expect(batches).toEqual([new Map([['a', 'first']]), new Map([['a', 'tail']])]);
  });
});

describe('historyOf', () => {
  it('sends every turn that has text, a stopped answer’s partial text included', () => {
    const entries: ChatEntry[] = [
      { id: '1', role: 'user', content: 'Hi', status: 'done' },
      { id: '2', role: 'assistant', content: 'Hel', status: 'stopped', provider: 'anthropic', model: 'm' },
      { id: '3', role: 'user', content: 'Go on', status: 'done' },
      { id: '4', role: 'assistant', content: '', status: 'error', provider: 'anthropic', model: 'm' },
    ];
    expect(historyOf(entries)).toEqual([
      { id: '1', role: 'user', content: 'Hi' },
      { id: '2', role: 'assistant', content: 'Hel' },
      { id: '3', role: 'user', content: 'Go on' },
    ]);
  });

  it('hands page text to the worker unframed, with where it came from and where it already went', () => {
    const context = { kind: 'page' as const, title: 'Tides', url: 'https://wiki.example.com/t?x=1', text: 'The moon', totalChars: 8, readFrom: ['https://wiki.example.com/t'] };
    const sent = [{ messageId: '1', kind: 'page' as const, url: 'https://wiki.example.com/t', chars: 8, provider: 'anthropic' as const }];
    const entries: ChatEntry[] = [
      { id: '1', role: 'user', content: '', context, status: 'done' },
      { id: '2', role: 'assistant', content: 'Tides…', status: 'done', provider: 'anthropic', model: 'm', sent },
    ];
    expect(historyOf(entries)).toEqual([
      { id: '1', role: 'user', content: '', context },
      { id: '2', role: 'assistant', content: 'Tides…', sent },
    ]);
  });
});

describe('model choice', () => {
  const configs = defaultProviderConfigs();
  it('offers the live list once it has arrived, else the curated one', () => {
    expect(offeredModels('openai', configs, {})[0]).toBe('gpt-5.5');
    expect(offeredModels('openai', configs, { openai: [{ id: 'gpt-live', name: 'gpt-live' }] })).toEqual(['gpt-live']);
  });
  it('keeps the user’s choice while it is offered, else falls back to the first', () => {
    expect(chooseModel(['a', 'b'], 'b')).toBe('b');
    expect(chooseModel(['a', 'b'], 'gone')).toBe('a');
    expect(chooseModel([], undefined)).toBeUndefined();
  });
});
