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
