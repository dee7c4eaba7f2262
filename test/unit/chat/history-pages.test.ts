import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ArchivedConversation, ConversationRecord, HistoryCursor } from '@/lib/chat/conversation-db';
import { freshDb, matches, type Db } from './fresh-db';

/** A conversation of one question and its answer, last written at `updatedAt`. */
const conversation = (id: string, updatedAt: number, words = 'tides'): ArchivedConversation => ({
  id,
  title: `About ${words} ${id}`,
  createdAt: updatedAt,
  updatedAt,
  messages: [
    { id: `${id}-q`, at: updatedAt, parentId: null, role: 'user', content: `Tell me about ${words}`, status: 'done' },
    { id: `${id}-a`, at: updatedAt, parentId: `${id}-q`, role: 'assistant', content: 'Gladly.', status: 'done', provider: 'anthropic', model: 'm' },
  ],
});

const ids = (rows: ConversationRecord[]) => rows.map((c) => c.id);
const cursorOf = (rows: ConversationRecord[]): HistoryCursor => ({ id: rows.at(-1)!.id, updatedAt: rows.at(-1)!.updatedAt });

/** Every page of `size`, from the newest, until one comes back short. */
async function allPages(db: Db, size: number): Promise<string[][]> {
  const pages: string[][] = [];
  let after: HistoryCursor | undefined;
  for (;;) {
    const page = await db.listConversationsPage(size, after);
    pages.push(ids(page));
    if (page.length < size) return pages;
    after = cursorOf(page);
  }
}

let db: Db;
beforeEach(async () => {
  db = await freshDb();
});

describe('the history list, a page at a time', () => {
  it('reads every conversation once, newest first, also when several were written at the same time', async () => {
    // c3, c4, c5 share one updatedAt, and a page ends in the middle of them.
    const times = [10, 20, 30, 40, 40, 40, 50];
    await db.importConversations(times.map((t, i) => conversation(`c${i}`, t)));
    const pages = await allPages(db, 2);
    expect(pages).toEqual([['c6', 'c5'], ['c4', 'c3'], ['c2', 'c1'], ['c0']]);
    expect(pages.flat()).toEqual(ids(await db.listConversationsPage(Infinity)));
  });

  it('neither repeats nor skips a row when conversations are written between two pages', async () => {
    await db.importConversations([10, 20, 30, 40, 50].map((t, i) => conversation(`c${i}`, t)));
    const first = await db.listConversationsPage(2);
    expect(ids(first)).toEqual(['c4', 'c3']);
    // Meanwhile a new conversation, and an old one continued (it moves to the top).
    await db.importConversations([conversation('new', 60)]);
    await db.importConversations([{ ...conversation('c1', 70), messages: [{ id: 'c1-q2', at: 70, parentId: 'c1-a', role: 'user', content: 'More', status: 'done' }] }]);
    const rest = await db.listConversationsPage(10, cursorOf(first));
    // The rows below the first page that did not move are all there; the moved one is not shown twice.
    expect(ids(rest)).toEqual(['c2', 'c0']);
    expect(ids(await db.listConversationsPage(10))).toEqual(['c1', 'new', 'c4', 'c3', 'c2', 'c0']);
  });

  it('goes on after the last row shown when that row was deleted', async () => {
    await db.importConversations([10, 20, 30, 40, 40].map((t, i) => conversation(`c${i}`, t)));
    const first = await db.listConversationsPage(2);
    expect(ids(first)).toEqual(['c4', 'c3']);
    await db.deleteConversation('c3');
    await db.deleteConversation('c4');
    expect(ids(await db.listConversationsPage(2, cursorOf(first)))).toEqual(['c2', 'c1']);
  });

  it('reads no more than it is asked for, and nothing from an empty store', async () => {
    expect(await db.listConversationsPage(50)).toEqual([]);
    await db.importConversations([conversation('only', 5)]);
    expect(await db.listConversationsPage(50)).toEqual([{ id: 'only', title: 'About tides only', createdAt: 5, updatedAt: 5 }]);
  });
});

describe('search results, a page at a time', () => {
  it('orders what a query finds newest first, a page at a time, whether matches are few or many', async () => {
    await db.importConversations([
      conversation('old', 10, 'volcanoes'),
      conversation('tide', 20),
      conversation('mid', 30, 'volcanic ash'),
      conversation('new', 40, 'volcanoes'),
    ]);
    const found = (await matches(db, 'volcan'))!;
    const first = await db.searchConversationsPage(found, 2);
    expect(ids(first)).toEqual(['new', 'mid']);
    expect(ids(await db.searchConversationsPage(found, 2, cursorOf(first)))).toEqual(['old']);
    expect(await db.searchConversationsPage((await matches(db, 'volcan tide'))!, 2)).toEqual([]);
  });

  it('walks the index when matches are many, with the same order and no row twice', async () => {
    // 600 matches (more than are read by id) and 60 others, several written at the same time.
    await db.importConversations(Array.from({ length: 660 }, (_, i) => conversation(`c${String(i).padStart(3, '0')}`, Math.floor(i / 3), i % 11 === 0 ? 'glaciers' : 'tides')));
    const found = (await matches(db, 'tides'))!;
    expect(found.size).toBe(600);
    const pages: string[] = [];
    let after: HistoryCursor | undefined;
    for (;;) {
      const page = await db.searchConversationsPage(found, 70, after);
      pages.push(...ids(page));
      if (page.length < 70) break;
      after = cursorOf(page);
    }
    expect(pages).toEqual(ids(await db.listConversationsPage(Infinity)).filter((id) => found.has(id)));
  });

  it('leaves out a match deleted before its page is read', async () => {
    await db.importConversations([conversation('a', 10), conversation('b', 20), conversation('c', 30)]);
    const found = (await matches(db, 'tides'))!;
    const first = await db.searchConversationsPage(found, 1);
    await db.deleteConversation('b');
    expect(ids(await db.searchConversationsPage(found, 5, cursorOf(first)))).toEqual(['a']);
  });
});
