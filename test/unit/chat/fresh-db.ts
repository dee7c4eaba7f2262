import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';

export type Db = typeof import('@/lib/chat/conversation-db');

/** The conversation store on an empty IndexedDB, its module loaded anew (it caches its connection). */
export async function freshDb(): Promise<Db> {
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  return import('@/lib/chat/conversation-db');
}

/** Every conversation a query finds (undefined when it has no word to look for), as Show more reads them. */
export async function matches(db: Db, query: string): Promise<Set<string> | undefined> {
  const search = await db.HistorySearch.start(query);
  return search && new Set((await search.page(Infinity)).map((c) => c.id));
}

/**
 * Creates the database as an older omni-ai left it, at `version` (2: conversations and messages;
 * 4: also the search terms and the list of page text sent), and `fill`s it in the same upgrade;
 * then closes it, so the store's next open upgrades it to the current version.
 */
export function oldDatabase(version: 2 | 4, fill: (tx: IDBTransaction) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('omni-ai', version);
    request.onupgradeneeded = () => {
      const database = request.result;
      database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
      const messages = database.createObjectStore('messages', { keyPath: 'id' });
      messages.createIndex('conversationId', 'conversationId');
      messages.createIndex('status', 'status');
      if (version >= 4) {
        database.createObjectStore('terms', { keyPath: 'id' }).createIndex('term', 'terms', { multiEntry: true });
        const activity = database.createObjectStore('activity', { keyPath: 'id' });
        activity.createIndex('conversationId', 'conversationId');
        activity.createIndex('at', 'at');
      }
      fill(request.transaction!);
    };
    request.onsuccess = () => (request.result.close(), resolve());
    request.onerror = () => reject(request.error);
  });
}
