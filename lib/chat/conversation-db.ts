import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ProviderId } from '../providers/catalog';
import type { FinishReason, StreamError, Usage } from '../providers/types';

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

let db: Promise<IDBPDatabase<OmniDB>> | undefined;

/** The extension's IndexedDB, shared by the worker (which writes) and the side panel (which reads). */
function open(): Promise<IDBPDatabase<OmniDB>> {
  db ??= openDB<OmniDB>('omni-ai', 2, {
    upgrade(database, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) {
        database.createObjectStore('conversations', { keyPath: 'id' }).createIndex('updatedAt', 'updatedAt');
        database.createObjectStore('messages', { keyPath: 'id' }).createIndex('conversationId', 'conversationId');
      }
      // v2: answers by status, so a starting worker finds the few left streaming without a full scan.
      if (oldVersion < 2) tx.objectStore('messages').createIndex('status', 'status');
    },
  });
  return db;
}

export function titleFrom(text: string): string {
  const line = text.trim().split('\n')[0]!.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 57)}…` : line || 'Untitled';
}

/** Newest first. */
export async function listConversations(): Promise<ConversationRecord[]> {
  return (await (await open()).getAllFromIndex('conversations', 'updatedAt')).reverse();
}

export async function getMessages(conversationId: string): Promise<MessageRecord[]> {
  const messages = await (await open()).getAllFromIndex('messages', 'conversationId', conversationId);
  return messages.sort((a, b) => a.at - b.at);
}

/** Stores a user message, creating its conversation (titled from it) when it is the first. */
export async function addUserMessage(message: MessageRecord): Promise<void> {
  const database = await open();
  const tx = database.transaction(['conversations', 'messages'], 'readwrite');
  const conversation = await tx.objectStore('conversations').get(message.conversationId);
  await tx.objectStore('conversations').put(
    conversation
      ? { ...conversation, updatedAt: message.at }
      : { id: message.conversationId, title: titleFrom(message.content || message.context?.title || ''), createdAt: message.at, updatedAt: message.at },
  );
  await tx.objectStore('messages').put(message);
  await tx.done;
}

export async function putMessage(message: MessageRecord): Promise<void> {
  await (await open()).put('messages', message);
}

export async function deleteMessage(id: string): Promise<void> {
  await (await open()).delete('messages', id);
}

export async function deleteConversation(id: string): Promise<void> {
  const database = await open();
  const tx = database.transaction(['conversations', 'messages'], 'readwrite');
  const keys = await tx.objectStore('messages').index('conversationId').getAllKeys(id);
  await Promise.all([...keys.map((key) => tx.objectStore('messages').delete(key)), tx.objectStore('conversations').delete(id)]);
  await tx.done;
}

/**
 * Answers left "streaming" by a worker that stopped: nothing will finish them now. Runs at every
 * worker start, so it reads only those, through the status index.
 */
export async function markInterrupted(message: string): Promise<void> {
  const database = await open();
  const cut = await database.getAllFromIndex('messages', 'status', 'streaming');
  await Promise.all(cut.map((m) => database.put('messages', { ...m, status: 'error', error: { kind: 'network', message } })));
}
