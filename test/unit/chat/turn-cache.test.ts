import { describe, expect, it } from 'vitest';
import type { MessageRecord } from '@/lib/chat/conversation-db';
import { TurnCache } from '@/lib/chat/read-path';

const record = (id: string, change: Partial<MessageRecord> = {}): MessageRecord => ({
  id,
  conversationId: 'c1',
  at: 1,
  parentId: null,
  role: 'user',
  content: `Text of ${id}.`,
  status: 'done',
  ...change,
});

/** The worker's cache of finished turns, and what a run it recorded adds to it (record-run.ts `final`). */
describe('TurnCache.add', () => {
  it('adds a finished record to a conversation it keeps, as the turn a read would give', () => {
    const cache = new TurnCache();
    cache.put('c1', [{ id: 'old', role: 'user', content: 'Old.' }]);
    cache.add('c1', record('q', { context: { kind: 'page', title: 'T', url: 'https://example.com/', text: 'Page.', totalChars: 5 } as MessageRecord['context'] }));
    expect(cache.get('c1', 'q')).toEqual({ id: 'q', role: 'user', content: 'Text of q.', context: expect.objectContaining({ text: 'Page.' }) });
  });

  it('leaves out what a read must give: a conversation not kept, a record still streaming, one with images, another conversation’s', () => {
    const cache = new TurnCache();
    cache.add('c1', record('q'));
    expect(cache.has('c1')).toBe(false);
    cache.put('c1', []);
    cache.add('c1', record('streaming', { role: 'assistant', status: 'streaming' }));
    cache.add('c1', record('pictured', { images: [{ id: 'i', mediaType: 'image/png', width: 1, height: 1, source: 'pasted', blob: new Blob(['x']) }] }));
    cache.add('c1', record('elsewhere', { conversationId: 'c2' }));
    expect(['streaming', 'pictured', 'elsewhere'].map((id) => cache.get('c1', id))).toEqual([undefined, undefined, undefined]);
  });
});
