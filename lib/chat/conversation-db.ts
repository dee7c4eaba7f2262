import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ProviderId } from '../providers/catalog';
import type { FinishReason, StreamError, Usage } from '../providers/types';
import { StorageFailure, storageFailureOf } from './storage-problem';

/** Page text attached to a user message; `text` is what the model gets, already cut to the budget. */
export interface PageContext {
  kind: 'page' | 'selection' | 'link';
  title: string;
  url: string;
  text: string;
  /** Characters of the page before the budget cut, to tell the user how much was kept. */
  totalChars: number;
}

export interface MessageRecord {
  id: string;
  conversationId: string;
  /** Order within the conversation. */
  at: number;
  /**
   * The message this one follows (conversation-tree.ts): null for a first question; absent in
   * messages stored before conversations branched, which follow the one written before them.
   */
  parentId?: string | null;
  role: 'user' | 'assistant';
  content: string;
  context?: PageContext;
  provider?: ProviderId;
  model?: string;
  status: 'streaming' | 'done' | 'stopped' | 'error';
  error?: StreamError;
  finishReason?: FinishReason;
  usage?: Usage;
}

export interface ConversationRecord {
  id: string;
  /** From the first message, so the history list reads as what was asked. */
  title: string;
  createdAt: number;
  updatedAt: number;
}

interface OmniDB extends DBSchema {
  conversations: { key: string; value: ConversationRecord; indexes: { updatedAt: number } };
  messages: { key: string; value: MessageRecord; indexes: { conversationId: string; status: string } };
}

const DB_NAME = 'omni-ai';
/** v1: conversations and messages; v2: messages indexed by status. */
const DB_VERSION = 2;

let connection: Promise<IDBPDatabase<OmniDB>> | undefined;

/**
 * The extension's IndexedDB, shared by the worker (which writes) and the side panel (which reads).
 * A failed open is not kept: the next call tries again (the user may have freed disk space or
 * closed the window that blocked an upgrade).
 */
function open(): Promise<IDBPDatabase<OmniDB>> {
  if (!connection) {
    const forget = () => {
      if (connection === attempt) connection = undefined;
    };
    const attempt: Promise<IDBPDatabase<OmniDB>> = connect(forget);
    connection = attempt;
    attempt.catch(forget);
  }
  return connection;
}

function connect(forget: () => void): Promise<IDBPDatabase<OmniDB>> {
  return new Promise((resolve, reject) => {
    let gaveUp = false;
    openDB<OmniDB>(DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, tx) {
        if (oldVersion < 1) {
          database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
          database.createObjectStore('messages', { keyPath: 'id' }).createIndex('conversationId', 'conversationId');
        }
        // v2: answers by status, so a starting worker finds the few left streaming without a full scan.
        if (oldVersion < 2) tx.objectStore('messages').createIndex('status', 'status');
      },
      // An older connection that does not close on `versionchange` holds our upgrade back; the open
      // would wait for it with no end. Say so now; if the open completes later, it is closed unused.
      blocked() {
        gaveUp = true;
        reject(new StorageFailure('blocked', 'The upgrade of the conversation store is blocked by another open connection.'));
      },
      // A newer omni-ai wants to upgrade the database: step aside, or it waits for us forever
      // (IndexedDB 3.0, "versionchange" event). Our next call reopens, and learns of the new version.
      blocking(_current, _blocked, event) {
        (event.target as IDBDatabase).close();
        forget();
      },
      // The browser closed the connection (the store was deleted, the disk went away): reopen next time.
      terminated: forget,
    }).then(
      (database) => {
        if (gaveUp) database.close();
        else resolve(database);
      },
      reject,
    );
  });
}

/**
 * A transaction's end, handled from the start: when a request throws before the end is awaited (a
 * full disk, an abort), its rejection is not left unhandled, which the worker would log as an error.
 */
function settled(done: Promise<void>): Promise<void> {
  done.catch(() => undefined);
  return done;
}

/** Runs `work` on the database, with any failure sorted into a StorageFailure the UI can describe. */
async function withDb<T>(work: (database: IDBPDatabase<OmniDB>) => Promise<T>): Promise<T> {
  try {
    return await work(await open());
  } catch (error) {
    throw storageFailureOf(error);
  }
}

export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'Untitled';
}

/** Newest first. */
export function listConversations(): Promise<ConversationRecord[]> {
  return withDb(async (database) => (await database.getAllFromIndex('conversations', 'updatedAt')).reverse());
}

export function getMessages(conversationId: string): Promise<MessageRecord[]> {
  return withDb(async (database) => {
    const messages = await database.getAllFromIndex('messages', 'conversationId', conversationId);
    return messages.sort((a, b) => a.at - b.at);
  });
}

/**
 * Conversations deleted in this context (the worker, which owns deletion). A write checks this
 * synchronously right before it opens its transaction: IndexedDB runs overlapping read-write
 * transactions in the order they were created, so a write created before the delete's transaction
 * is wiped by it, and one that would be created after it is never made. Ids are random UUIDs,
 * never reused, and few, so the set is not trimmed.
 */
const deleted = new Set<string>();

/** What a run's write found: its records stored, or its conversation gone (deleted meanwhile). */
export type WriteOutcome = 'written' | 'gone';

/**
 * Stores a run's records in one transaction: the answer as it stands, the user's message while it
 * is not yet stored (it creates the conversation, titled from it, when it is the first), and the
 * failed answer a Retry replaces. Without a user message the conversation must still exist, checked
 * in the same transaction: an answer is never written into a conversation deleted meanwhile, where
 * nobody could see or delete it.
 */
export function storeRunRecords(records: { answer: MessageRecord; user?: MessageRecord; replaces?: string }): Promise<WriteOutcome> {
  const { answer, user, replaces } = records;
  return withDb(async (database) => {
    if (deleted.has(answer.conversationId)) return 'gone';
    const tx = database.transaction(['conversations', 'messages'], 'readwrite');
    const done = settled(tx.done);
    const conversations = tx.objectStore('conversations');
    const conversation = await conversations.get(answer.conversationId);
    if (!conversation && !user) {
      tx.abort();
      return 'gone';
    }
    const writes: Promise<unknown>[] = [];
    if (user)
      writes.push(
        conversations.put(
          conversation
            ? { ...conversation, updatedAt: user.at }
            : { id: user.conversationId, title: titleFrom(user.content || user.context?.title || ''), createdAt: user.at, updatedAt: user.at },
        ),
        tx.objectStore('messages').put(user),
      );
    if (replaces) writes.push(tx.objectStore('messages').delete(replaces));
    writes.push(tx.objectStore('messages').put(answer));
    await Promise.all([...writes, done]);
    return 'written';
  });
}

/**
 * Deletes a conversation and its messages. Only the worker calls this (it stops the conversation's
 * runs first): from the moment of the call, no write of this context can bring a message back.
 */
export function deleteConversation(id: string): Promise<void> {
  deleted.add(id);
  return withDb(async (database) => {
    const tx = database.transaction(['conversations', 'messages'], 'readwrite');
    const done = settled(tx.done);
    const keys = await tx.objectStore('messages').index('conversationId').getAllKeys(id);
    await Promise.all([...keys.map((key) => tx.objectStore('messages').delete(key)), tx.objectStore('conversations').delete(id), done]);
  });
}

/**
 * Answers left "streaming" by a worker that stopped: nothing will finish them now. Runs at every
 * worker start, so it reads only those, through the status index.
 */
export function markInterrupted(message: string): Promise<void> {
  return withDb(async (database) => {
    // One transaction: a record deleted between the read and the write cannot come back.
    const tx = database.transaction('messages', 'readwrite');
    const done = settled(tx.done);
    const cut = await tx.store.index('status').getAll('streaming');
    await Promise.all([...cut.map((m) => tx.store.put({ ...m, status: 'error', error: { kind: 'network', message } })), done]);
  });
}
