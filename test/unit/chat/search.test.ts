import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MessageRecord } from '@/lib/chat/conversation-db';
import { queryTerms, termsOf } from '@/lib/chat/search-terms';
import { freshDb, matches, oldDatabase, type Db } from './fresh-db';


const message = (conversationId: string, id: string, role: 'user' | 'assistant', content: string, at: number, over: Partial<MessageRecord> = {}): MessageRecord => ({
  id,
  conversationId,
  at,
  role,
  content,
  status: 'done',
  ...(role === 'assistant' ? { provider: 'anthropic' as const, model: 'm' } : {}),
  ...over,
});

/** A question and its complete answer, stored as a run stores them: the answer streams first, then ends. */
async function converse(db: Db, id: string, question: string, answer: string) {
  const a = message(id, `${id}-a`, 'assistant', '', 2, { status: 'streaming' });
  await db.storeRunRecords({ answer: a, user: message(id, `${id}-q`, 'user', question, 1) });
  await db.storeRunRecords({ answer: { ...a, content: answer } }); // still streaming: not indexed yet
  await db.storeRunRecords({ answer: { ...a, content: answer, status: 'done' } });
}

describe('search terms', () => {
  it('folds case and accents, drops one-letter words, and cuts long words', () => {
    expect([...termsOf('Crème brûlée à la Müller, 42 times; a x')]).toEqual(['creme', 'brulee', 'la', 'muller', '42', 'times']);
    expect([...termsOf('x'.repeat(40))]).toEqual(['x'.repeat(24)]);
  });

  it('indexes Japanese and Chinese, which have no spaces, by pairs of characters', () => {
    expect([...termsOf('東京の天気')]).toEqual(['東京', '京の', 'の天', '天気', '気']);
    expect(queryTerms('東京の')).toEqual(['東京', '京の']);
    expect(queryTerms('天')).toEqual(['天']);
  });

  it('asks nothing of a query with no word in it', () => {
    expect(queryTerms('  a ! ')).toEqual([]);
  });
});

describe('searching stored conversations', () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it('finds conversations by the start of each word of the query, in questions, answers and titles', async () => {
    await converse(db, 'c1', 'How do tides work?', 'The Moon pulls the oceans.');
    await converse(db, 'c2', 'Phases of the moon', 'New, waxing, full, waning.');
    await converse(db, 'c3', '東京の天気は？', '晴れです。');
    expect(await matches(db, 'moon')).toEqual(new Set(['c1', 'c2']));
    expect(await matches(db, 'MOON tid')).toEqual(new Set(['c1']));
    expect(await matches(db, 'wan')).toEqual(new Set(['c2']));
    expect(await matches(db, '天気')).toEqual(new Set(['c3']));
    expect(await matches(db, '晴')).toEqual(new Set(['c3']));
    expect(await matches(db, 'moon volcano')).toEqual(new Set());
    expect(await matches(db, ' ')).toBeUndefined();
  });

  it('indexes an answer once it is complete, not while it streams', async () => {
    const a = message('c', 'a', 'assistant', 'Partial words', 2, { status: 'streaming' });
    await db.storeRunRecords({ answer: a, user: message('c', 'q', 'user', 'Question', 1) });
    await db.storeRunRecords({ answer: { ...a, content: 'Partial words streaming' } });
    expect(await matches(db, 'partial')).toEqual(new Set());
    await db.storeRunRecords({ answer: { ...a, content: 'Partial words streaming', status: 'stopped' } });
    expect(await matches(db, 'partial')).toEqual(new Set(['c']));
  });

  it('forgets a deleted conversation’s words', async () => {
    await converse(db, 'c', 'Tides?', 'The Moon.');
    await db.deleteConversation('c');
    expect(await matches(db, 'moon')).toEqual(new Set());
  });

  it('indexes conversations stored before search existed, when the database is upgraded', async () => {
    // A database as omni-ai left it at version 2, with one conversation.
    await oldDatabase(2, (tx) => {
      tx.objectStore('conversations').put({ id: 'old', title: 'Volcanoes of Iceland', createdAt: 1, updatedAt: 2 });
      tx.objectStore('conversations').put({ id: 'empty', title: 'Glaciers', createdAt: 1, updatedAt: 1 });
      tx.objectStore('messages').put(message('old', 'q', 'user', 'Tell me about volcanoes', 1));
      tx.objectStore('messages').put(message('old', 'a', 'assistant', 'Eyjafjallajökull erupted in 2010.', 2));
    });
    expect(await matches(db, 'eyjafjallajokull')).toEqual(new Set(['old']));
    expect(await matches(db, 'iceland')).toEqual(new Set(['old']));
    expect(await matches(db, 'glac')).toEqual(new Set(['empty']));
  });
});
