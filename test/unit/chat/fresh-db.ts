import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';

export type Db = typeof import('@/lib/chat/conversation-db');

/** The conversation store on an empty IndexedDB, its module loaded anew (it caches its connection). */
export async function freshDb(): Promise<Db> {
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  return import('@/lib/chat/conversation-db');
}
