import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchivedConversation, ConversationRecord, HistoryCursor, HistorySearch, MessageRecord } from '@/lib/chat/conversation-db';
import { queryTerms, termsOf } from '@/lib/chat/search-terms';
import { seededRandom } from '../../../bench/lib/seeded-random';
import { freshDb, oldDatabase, type Db } from './fresh-db';

/** The database's store as it is, read outside the module (its counts are what a search plans with). */
function readStore<T>(name: string): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('omni-ai');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const database = request.result;
      const all = database.transaction(name).objectStore(name).getAll();
      all.onsuccess = () => (database.close(), resolve(all.result as T[]));
      all.onerror = () => reject(all.error);
    };
  });
}

const vocabulary = async () => Object.fromEntries((await readStore<{ term: string; count: number }>('vocabulary')).map((r) => [r.term, r.count]));

/** What the vocabulary must say: every term of the stored terms records, with how many conversations have it. */
async function countedTerms(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const record of await readStore<{ terms: string[] }>('terms')) for (const term of record.terms) counts[term] = (counts[term] ?? 0) + 1;
  return counts;
}

const WORDS = ['tide', 'tidal', 'moon', 'moonlight', 'ocean', 'orbit', 'glacier', 'glass', 'volcano', 'vortex', 'comet', 'coral', 'iceland', 'ice', 'storm', 'stone', '東京', '天気'];

/** A seeded history: `count` conversations of a question and an answer drawn from WORDS, a few words very common. */
function history(count: number, seed: number): ArchivedConversation[] {
  const next = seededRandom(seed);
  const text = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(WORDS.length * next() ** 2)]).join(' ');
  return Array.from({ length: count }, (_, i) => {
    const id = `c${String(Math.floor(next() * 1e6)).padStart(6, '0')}-${i}`;
    // Some share an updatedAt, so a page can end inside a tie.
    const at = 1000 + Math.floor(i / 3) * 10;
    return {
      id,
      title: text(2),
      createdAt: at,
      updatedAt: at,
      messages: [
        { id: `${id}-q`, at, parentId: null, role: 'user', content: text(3), status: 'done' },
        { id: `${id}-a`, at: at + 1, parentId: `${id}-q`, role: 'assistant', content: text(4), status: 'done', provider: 'anthropic', model: 'm' },
      ],
    } satisfies ArchivedConversation;
  });
}

/** The brute-force answer: every stored conversation whose words start, for each word of the query, with it; newest first. */
function expected(conversations: readonly ArchivedConversation[], query: string): string[] {
  const words = queryTerms(query);
  return conversations
    .filter((c) => {
      const terms = [...termsOf(c.title), ...c.messages.flatMap((m) => [...termsOf(m.content)])];
      return words.every((word) => terms.some((term) => term.startsWith(word)));
    })
    .sort((a, b) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : -1))
    .map((c) => c.id);
}

/** Every page of a search, as Show more reads them. */
async function allPages(search: HistorySearch, size: number): Promise<string[]> {
  const rows: ConversationRecord[] = [];
  let after: HistoryCursor | undefined;
  for (;;) {
    const page = await search.page(size, after);
    rows.push(...page);
    if (page.length < size) return rows.map((c) => c.id);
    after = page.at(-1)!;
  }
}

let db: Db;
const limits = { readInFull: 0, walkLimit: 0, walkBatch: 0 };
beforeEach(async () => {
  db = await freshDb();
  Object.assign(limits, db.SEARCH_LIMITS);
});
afterEach(() => Object.assign(db.SEARCH_LIMITS, limits));

describe('the vocabulary (each distinct term and how many conversations have it)', () => {
  it('is counted from the terms of a version 4 store when the database is upgraded, the terms kept as they were', async () => {
    // A database as omni-ai left it at version 4: two conversations and their terms.
    await oldDatabase(4, (tx) => {
      tx.objectStore('conversations').put({ id: 'a', title: 'Tides', createdAt: 1, updatedAt: 2 });
      tx.objectStore('conversations').put({ id: 'b', title: 'Moon', createdAt: 3, updatedAt: 4 });
      tx.objectStore('terms').put({ id: 'a', terms: ['tides', 'moon', 'ocean'] });
      tx.objectStore('terms').put({ id: 'b', terms: ['moon', 'orbit'] });
    });
    const search = await db.HistorySearch.start('moo');
    expect(await allPages(search!, 10)).toEqual(['b', 'a']);
    expect(await vocabulary()).toEqual({ tides: 1, moon: 2, ocean: 1, orbit: 1 });
    expect(await readStore('terms')).toEqual([
      { id: 'a', terms: ['tides', 'moon', 'ocean'] },
      { id: 'b', terms: ['moon', 'orbit'] },
    ]);
  });

  it('is counted from the messages when a version 2 store is upgraded (terms and vocabulary in one upgrade)', async () => {
    await oldDatabase(2, (tx) => {
      tx.objectStore('conversations').put({ id: 'old', title: 'Volcanoes', createdAt: 1, updatedAt: 2 });
      const message: MessageRecord = { id: 'q', conversationId: 'old', at: 1, role: 'user', content: 'Iceland volcanoes', status: 'done' };
      tx.objectStore('messages').put(message);
    });
    expect((await db.HistorySearch.start('icel'))!.total).toBe(1);
    expect(await vocabulary()).toEqual({ volcanoes: 1, iceland: 1 });
  });

  it('stays equal to the stored terms through questions, answers, imports and deletes; a term no conversation has any more goes', async () => {
    const user = (c: string, content: string, at: number): MessageRecord => ({ id: `${c}-q${at}`, conversationId: c, at, role: 'user', content, status: 'done' });
    const answer = (c: string, content: string, at: number, status: MessageRecord['status'] = 'done'): MessageRecord => ({
      id: `${c}-a${at}`,
      conversationId: c,
      at,
      role: 'assistant',
      content,
      status,
      provider: 'anthropic',
      model: 'm',
    });
    await db.storeRunRecords({ answer: answer('x', '', 2, 'streaming'), user: user('x', 'Tides and the moon', 1) });
    await db.storeRunRecords({ answer: answer('x', 'The moon pulls oceans', 2) });
    await db.storeRunRecords({ answer: answer('x', 'Orbits', 4), user: user('x', 'Moon again', 3) });
    await db.storeRunRecords({ answer: answer('y', 'A comet', 2), user: user('y', 'What is a comet near the moon', 1) });
    const batch = history(30, 7);
    await db.importConversations(batch);
    await db.importConversations(batch); // again: nothing new, nothing counted twice
    expect(await vocabulary()).toEqual(await countedTerms());
    expect((await vocabulary()).pulls).toBe(1);
    await db.deleteConversation('x');
    for (const c of batch.slice(0, 10)) await db.deleteConversation(c.id);
    // The counts of a delete are written in a transaction of their own, after it.
    await vi.waitFor(async () => expect(await vocabulary()).toEqual(await countedTerms()));
    expect((await vocabulary()).pulls).toBeUndefined();
  });
});

describe('a search over the history, a page at a time', () => {
  // Small turning points, so a history of 150 conversations has rare words, common ones, and common words seldom together.
  const ways = {
    'read in full': { readInFull: 100_000, walkLimit: 100_000, walkBatch: 60 },
    walked: { readInFull: 0, walkLimit: 100_000, walkBatch: 7 },
    'walked, then read in full when the page does not fill': { readInFull: 0, walkLimit: 20, walkBatch: 7 },
    'as shipped': { readInFull: 40, walkLimit: 60, walkBatch: 9, probeLanes: 16, probeTerms: 8 },
    // A rare word's matches, each other word probed by key cursors: one cursor per term, several, or one per candidate.
    'read in full, probed by one key cursor per term': { readInFull: 100_000, walkLimit: 100_000, walkBatch: 60, probeLanes: 1, probeTerms: 100 },
    'read in full, probed in 5 lanes': { readInFull: 100_000, walkLimit: 100_000, walkBatch: 60, probeLanes: 5, probeTerms: 100 },
    'read in full, probed in a lane per candidate': { readInFull: 100_000, walkLimit: 100_000, walkBatch: 60, probeLanes: 100_000, probeTerms: 100 },
    'read in full, checked on the terms records': { readInFull: 100_000, walkLimit: 100_000, walkBatch: 60, probeLanes: 16, probeTerms: 0 },
  };
  const queries = [
    ...['moon', 'mo', 'moonl', 'ti', 'tide', 'glass', 'ice', 'icel', 'vol stone', 'moon ocean', 'coral comet', 'storm vortex comet', '東京', '天', 'zzz', 'moon zzz'],
    // Several words, prefixes among them (a word is then the union of its terms), CJK beside Latin.
    ...['mo ti', 'gla ic', 'moonl tid', 'ti moon ocean', 'co st', 'co st vo', 'ic icel iceland', '東京 moon', '天 glacier', 'orbit moonlight tidal'],
  ];

  for (const [way, set] of Object.entries(ways))
    it(`finds what a brute-force search finds, newest first, every match reachable page by page, with the right total (${way})`, async () => {
      Object.assign(db.SEARCH_LIMITS, set);
      const conversations = history(150, 2026);
      await db.importConversations(conversations);
      for (const query of queries) {
        const want = expected(conversations, query);
        for (const size of [4, 50]) {
          const search = (await db.HistorySearch.start(query))!;
          expect(await allPages(search, size), `${query} by ${size}`).toEqual(want);
          expect(await search.count(), query).toBe(want.length);
        }
      }
    }, 60_000);

  it('finds nothing deleted, and finds an import', async () => {
    Object.assign(db.SEARCH_LIMITS, { readInFull: 10, walkLimit: 30, walkBatch: 5 });
    const conversations = history(120, 99);
    await db.importConversations(conversations.slice(0, 80));
    const gone = conversations.slice(0, 80).filter((_, i) => i % 3 === 0);
    for (const c of gone) await db.deleteConversation(c.id);
    await db.importConversations(conversations.slice(80));
    const kept = conversations.filter((c) => !gone.includes(c));
    for (const query of queries) {
      const search = (await db.HistorySearch.start(query))!;
      expect(await allPages(search, 6), query).toEqual(expected(kept, query));
    }
  }, 60_000);

  it('finds two words only together: one in a conversation\'s title and the other in its text, never across two conversations', async () => {
    Object.assign(db.SEARCH_LIMITS, { readInFull: 100_000, probeLanes: 3, probeTerms: 8 });
    const conversation = (id: string, title: string, question: string, answer: string, at: number): ArchivedConversation => ({
      id,
      title,
      createdAt: at,
      updatedAt: at,
      messages: [
        { id: `${id}-q`, at, parentId: null, role: 'user', content: question, status: 'done' },
        { id: `${id}-a`, at: at + 1, parentId: `${id}-q`, role: 'assistant', content: answer, status: 'done', provider: 'anthropic', model: 'm' },
      ],
    });
    const conversations = [
      conversation('a', 'Glacier walks', 'How cold is it', 'Very', 1),
      conversation('b', 'Weather', 'A comet tonight?', 'Look north', 2),
      conversation('c', 'Glacier trip', 'Will I see the comet', 'Perhaps', 3),
      conversation('d', 'Sky', 'Comets and glaciers', 'Both icy', 4),
      conversation('e', 'Glaciology', 'Notes', 'On cometary dust', 5),
    ];
    await db.importConversations(conversations);
    for (const [query, want] of [
      ['glacier comet', ['d', 'c']],
      ['gla com', ['e', 'd', 'c']],
      ['comet glacier', ['d', 'c']],
      ['glaciers comets', ['d']],
      ['glacier walks comet', []],
    ] as const) {
      const search = (await db.HistorySearch.start(query))!;
      expect(await allPages(search, 2), query).toEqual(want);
      expect(await allPages(search, 2), query).toEqual(expected(conversations, query));
      expect(search.total, query).toBe(want.length);
    }
  });

  it('leaves out conversations deleted between two pages, repeating and skipping none of the others', async () => {
    Object.assign(db.SEARCH_LIMITS, { readInFull: 100_000, probeLanes: 4, probeTerms: 8 });
    const conversations = history(150, 31);
    await db.importConversations(conversations);
    for (const query of ['moon ocean', 'ti mo', 'ice storm']) {
      const want = expected(conversations, query);
      expect(want.length, query).toBeGreaterThan(12);
      const search = (await db.HistorySearch.start(query))!;
      const first = await search.page(5);
      expect(first.map((c) => c.id)).toEqual(want.slice(0, 5));
      // Deleted while the first page shows: one of its rows, and every third match not yet shown.
      const gone = new Set([want[1]!, ...want.slice(5).filter((_, i) => i % 3 === 0)]);
      for (const id of gone) await db.deleteConversation(id);
      const rest: string[] = [];
      for (let after: HistoryCursor = first.at(-1)!; ; ) {
        const page = await search.page(5, after);
        rest.push(...page.map((c) => c.id));
        if (page.length < 5) break;
        after = page.at(-1)!;
      }
      expect(rest, query).toEqual(want.slice(5).filter((id) => !gone.has(id)));
      await db.importConversations(conversations.filter((c) => gone.has(c.id)));
    }
  });

  it('tells its total at once when the words are rare, and counts it when they are common', async () => {
    Object.assign(db.SEARCH_LIMITS, { readInFull: 20, walkLimit: 1000, walkBatch: 5 });
    const conversations = history(60, 5);
    await db.importConversations(conversations);
    const rare = (await db.HistorySearch.start('vortex'))!;
    expect(rare.total).toBe(expected(conversations, 'vortex').length);
    const common = (await db.HistorySearch.start('tid'))!;
    expect(common.total).toBeUndefined();
    expect(await common.page(5)).toHaveLength(5);
    expect(await common.count()).toBe(expected(conversations, 'tid').length);
    expect(common.total).toBe(expected(conversations, 'tid').length);
  });

  it('still finds exactly the matches when the vocabulary counts too high (a worker stopped before a delete counted down)', async () => {
    Object.assign(db.SEARCH_LIMITS, { readInFull: 10, walkLimit: 40, walkBatch: 5 });
    const conversations = history(60, 11);
    await db.importConversations(conversations);
    // As a lost count-down leaves it: terms no conversation has any more, and counts above the truth.
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('omni-ai');
      request.onsuccess = () => {
        const tx = request.result.transaction('vocabulary', 'readwrite');
        tx.objectStore('vocabulary').put({ term: 'moonquake', count: 3 });
        tx.objectStore('vocabulary').put({ term: 'vortex', count: 500 });
        tx.oncomplete = () => (request.result.close(), resolve());
        tx.onerror = () => reject(tx.error);
      };
    });
    for (const query of ['moonq', 'moon', 'vortex', 'vor moon']) {
      const search = (await db.HistorySearch.start(query))!;
      expect(await allPages(search, 4), query).toEqual(expected(conversations, query));
      expect(await search.count(), query).toBe(expected(conversations, query).length);
    }
  });

  it('asks nothing of a query with no word in it', async () => {
    expect(await db.HistorySearch.start(' a ')).toBeUndefined();
  });
});
