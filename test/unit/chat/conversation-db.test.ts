import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageRecord } from '@/lib/chat/conversation-db';
import { freshDb, matches, type Db } from './fresh-db';

/** A fresh IndexedDB and a fresh copy of the module (its connection is module state). */

const user = (conversationId: string, content = 'Hi'): MessageRecord => ({
  id: `u-${conversationId}`,
  conversationId,
  at: 1,
  role: 'user',
  content,
  status: 'done',
});
const answer = (conversationId: string, content = ''): MessageRecord => ({
  id: `a-${conversationId}`,
  conversationId,
  at: 2,
  role: 'assistant',
  content,
  provider: 'anthropic',
  model: 'm',
  status: 'streaming',
});

/** Opens the database as another context would, raw, and keeps the connection. */
function rawOpen(version: number, onUpgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open('omni-ai', version);
    request.onupgradeneeded = () => onUpgrade?.(request.result);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('blocked by omni-ai’s own connection'));
  });
}

let db: Db;
beforeEach(async () => {
  db = await freshDb();
});

describe('conversation store', () => {
  it('stores a run’s first records in one go, titled from the question, and the answer as it grows', async () => {
    expect(await db.storeRunRecords({ answer: answer('c'), user: user('c', 'What are tides?\nSecond line') })).toBe('written');
    expect(await db.storeRunRecords({ answer: answer('c', 'Tides are') })).toBe('written');
    expect(await db.listConversationsPage(Infinity)).toEqual([{ id: 'c', title: 'What are tides?', createdAt: 1, updatedAt: 1 }]);
    expect((await db.getMessages('c')).map((m) => m.content)).toEqual(['What are tides?\nSecond line', 'Tides are']);
  });

  it('never writes an answer into a conversation deleted meanwhile, by another context too', async () => {
    await db.storeRunRecords({ answer: answer('c'), user: user('c') });
    // Deleted by another context (this one's tombstones know nothing of it): the check is in the transaction.
    const other = await rawOpen(5);
    await new Promise<void>((resolve) => {
      const tx = other.transaction(['conversations', 'messages'], 'readwrite');
      tx.objectStore('conversations').delete('c');
      tx.objectStore('messages').clear();
      tx.oncomplete = () => resolve();
    });
    other.close();
    expect(await db.storeRunRecords({ answer: answer('c', 'late text') })).toBe('gone');
    expect(await db.getMessages('c')).toEqual([]);
  });

  it('refuses a write that starts after a delete in this context, even one that would create the conversation', async () => {
    await db.storeRunRecords({ answer: answer('c'), user: user('c') });
    const deleting = db.deleteConversation('c');
    const late = db.storeRunRecords({ answer: answer('c', 'late'), user: user('c') });
    await deleting;
    expect(await late).toBe('gone');
    expect(await db.listConversationsPage(Infinity)).toEqual([]);
    expect(await db.getMessages('c')).toEqual([]);
  });

  it('a Retry replaces the failed answer in the same transaction', async () => {
    await db.storeRunRecords({ answer: { ...answer('c', 'partial'), status: 'error' }, user: user('c') });
    await db.storeRunRecords({ answer: { ...answer('c', 'whole'), id: 'retry' }, replaces: 'a-c' });
    expect((await db.getMessages('c')).map((m) => m.id)).toEqual(['u-c', 'retry']);
  });

  it('closes its connection when a newer version upgrades, then says a newer omni-ai stored the data', async () => {
    await db.listConversationsPage(Infinity); // our connection is open
    const newer = await rawOpen(99); // rejects with "blocked" if we did not step aside
    newer.close();
    await expect(db.listConversationsPage(Infinity)).rejects.toMatchObject({ kind: 'newer-version' });
    await expect(db.storeRunRecords({ answer: answer('c'), user: user('c') })).rejects.toMatchObject({ kind: 'newer-version' });
  });

  it('reports an upgrade blocked by an older connection instead of waiting for ever', async () => {
    const older = await rawOpen(1, (database) => {
      database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      database.createObjectStore('messages', { keyPath: 'id' }).createIndex('conversationId', 'conversationId');
    });
    await expect(db.listConversationsPage(Infinity)).rejects.toMatchObject({ kind: 'blocked' });
    older.close();
    // Once the other window is gone, the next call opens (the upgrade proceeds).
    await vi.waitFor(async () => expect(await db.listConversationsPage(Infinity)).toEqual([]));
  });

  it('retries an open that failed, instead of keeping the failure for ever', async () => {
    const open = vi.spyOn(indexedDB, 'open').mockImplementationOnce(() => {
      throw new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
    });
    await expect(db.listConversationsPage(Infinity)).rejects.toMatchObject({ kind: 'broken' });
    expect(await db.listConversationsPage(Infinity)).toEqual([]);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('reports a full disk and a failed transaction as what they are, and stores nothing half', async () => {
    const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    });
    await expect(db.storeRunRecords({ answer: answer('c'), user: user('c') })).rejects.toMatchObject({ kind: 'quota' });
    expect(await db.listConversationsPage(Infinity)).toEqual([]);

    put.mockImplementationOnce(function (this: IDBObjectStore) {
      this.transaction.abort();
      throw new DOMException('The transaction was aborted.', 'AbortError');
    });
    await expect(db.storeRunRecords({ answer: answer('c'), user: user('c') })).rejects.toMatchObject({ kind: 'failed' });
    expect(await db.getMessages('c')).toEqual([]);
  });

  it('keeps the list of page text sent with its conversation: written with the run, deleted with it', async () => {
    const line = (id: string, conversationId: string, at: number) => ({
      id,
      conversationId,
      at,
      kind: 'page' as const,
      url: 'https://intranet.example.com/wiki',
      chars: 1200,
      provider: 'azure-openai' as const,
      endpoint: 'https://contoso.openai.azure.com',
    });
    await db.storeRunRecords({ answer: answer('c'), user: user('c'), activity: [line('l1', 'c', 1)] });
    await db.storeRunRecords({ answer: answer('d'), user: user('d'), activity: [line('l2', 'd', 2)] });
    expect((await db.listActivity()).map((l) => l.id)).toEqual(['l2', 'l1']); // newest first
    await db.deleteConversation('c');
    expect((await db.listActivity()).map((l) => l.id)).toEqual(['l2']);
    await db.clearActivity();
    expect(await db.listActivity()).toEqual([]);
    expect(await db.getMessages('d')).toHaveLength(2); // clearing the list keeps the conversations
  });

  it('upgrades a version 2 store, keeping its conversations', async () => {
    const v2 = await rawOpen(2, (database) => {
      database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      const messages = database.createObjectStore('messages', { keyPath: 'id' });
      messages.createIndex('conversationId', 'conversationId');
      messages.createIndex('status', 'status');
    });
    await new Promise<void>((resolve) => {
      const tx = v2.transaction(['conversations', 'messages'], 'readwrite');
      tx.objectStore('conversations').put({ id: 'c', title: 'Old', createdAt: 1, updatedAt: 1 });
      tx.objectStore('messages').put(user('c', 'Old question'));
      tx.oncomplete = () => resolve();
    });
    v2.close();
    expect((await db.getMessages('c')).map((m) => m.content)).toEqual(['Old question']);
    expect(await db.listActivity()).toEqual([]);
  });

  /** A version 3 store as either branch left it: v2's stores, plus search terms (chat) or the list of page text sent (siterules). */
  async function v3With(extra: 'terms' | 'activity'): Promise<void> {
    const v3 = await rawOpen(3, (database) => {
      database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      const messages = database.createObjectStore('messages', { keyPath: 'id' });
      messages.createIndex('conversationId', 'conversationId');
      messages.createIndex('status', 'status');
      if (extra === 'terms') database.createObjectStore('terms', { keyPath: 'id' }).createIndex('term', 'terms', { multiEntry: true });
      else {
        const activity = database.createObjectStore('activity', { keyPath: 'id' });
        activity.createIndex('conversationId', 'conversationId');
        activity.createIndex('at', 'at');
      }
    });
    await new Promise<void>((resolve) => {
      const tx = v3.transaction(['conversations', 'messages', extra], 'readwrite');
      tx.objectStore('conversations').put({ id: 'c', title: 'Volcanoes', createdAt: 1, updatedAt: 1 });
      tx.objectStore('messages').put(user('c', 'Tell me about Hekla'));
      if (extra === 'terms') tx.objectStore('terms').put({ id: 'c', terms: ['volcanoes', 'tell', 'me', 'about', 'hekla'] });
      else tx.objectStore('activity').put({ id: 'l', conversationId: 'c', at: 1, kind: 'page', url: 'https://a.example/', chars: 3, provider: 'openai' });
      tx.oncomplete = () => resolve();
    });
    v3.close();
  }

  it('upgrades a version 3 store with search terms (chat’s v3): the list of page text sent is added, search still finds', async () => {
    await v3With('terms');
    expect(await matches(db, 'hekla')).toEqual(new Set(['c']));
    expect(await db.listActivity()).toEqual([]);
    await db.storeRunRecords({
      answer: answer('d'),
      user: user('d'),
      activity: [{ id: 'l', conversationId: 'd', at: 3, kind: 'page', url: 'https://b.example/', chars: 5, provider: 'openai' }],
    });
    expect((await db.listActivity()).map((line) => line.conversationId)).toEqual(['d']);
  });

  it('upgrades a version 3 store with the list of page text sent (siterules’ v3): its conversations are indexed for search, the list kept', async () => {
    await v3With('activity');
    expect(await matches(db, 'hekla')).toEqual(new Set(['c']));
    expect(await matches(db, 'volcan')).toEqual(new Set(['c']));
    expect((await db.listActivity()).map((line) => line.id)).toEqual(['l']);
  });

  it('marks answers left streaming by a stopped worker as interrupted, through the status index', async () => {
    await db.storeRunRecords({ answer: answer('c', 'half'), user: user('c') });
    await db.markInterrupted('cut');
    expect((await db.getMessages('c'))[1]).toMatchObject({ status: 'error', content: 'half', error: { kind: 'network', message: 'cut' } });
  });

  it('leaves streaming the answers of runs the calling worker started (it marks after its start, when a Send may have begun one)', async () => {
    await db.storeRunRecords({ answer: answer('old', 'cut off'), user: user('old') });
    await db.storeRunRecords({ answer: answer('new', 'still coming'), user: user('new') });
    await db.markInterrupted('cut', (id) => id === 'a-new');
    expect((await db.getMessages('old'))[1]).toMatchObject({ status: 'error', error: { message: 'cut' } });
    expect((await db.getMessages('new'))[1]).toMatchObject({ status: 'streaming', content: 'still coming' });
    expect((await db.getMessages('new'))[1]).not.toHaveProperty('error');
  });
});
