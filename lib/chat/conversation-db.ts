import { openDB, type DBSchema, type IDBPDatabase, type IDBPIndex, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { t } from '../i18n/t';
import type { ProviderId } from '../providers/catalog';
import type { FinishReason, StreamError, Usage } from '../providers/types';
import { imageLabel, type ImageAttachment } from './image-attachment';
import { queryTerms, termsOf } from './search-terms';
import { StorageFailure, storageFailureOf } from './storage-problem';

/** Page text attached to a user message; `text` is what the model gets, already cut to the budget. */
export interface PageContext {
  kind: 'page' | 'selection' | 'link';
  title: string;
  url: string;
  text: string;
  /** Characters of the page before the budget cut, to tell the user how much was kept. */
  totalChars: number;
  /**
   * Origin and path of every document the text was read from: the page, and the frame when the
   * text was in one (a link's page, not its target). The worker checks them against the site rules
   * again before each request that carries the text (issue 16). Absent in records made before.
   */
  readFrom?: string[];
}

/**
 * Page text that one request carried to a recipient that had not had it in this conversation: the
 * record of what left (issue 16 §3). Never the text itself.
 */
export interface SentPage {
  /** The user message the text was attached to. */
  messageId: string;
  /** Text of the page ('page', 'selection', 'link'), or a screenshot of it. */
  kind: PageContext['kind'] | 'screenshot';
  /** Origin and path of the page it came from: no query, no fragment. */
  url: string;
  /** Characters of page text sent (0 for a screenshot). */
  chars: number;
  provider: ProviderId;
  /** Origin of the endpoint that received it, when the provider has one configured. */
  endpoint?: string;
}

/** One line of the optional local list of page text sent, kept only when the user turns it on. */
export interface ActivityRecord extends Omit<SentPage, 'messageId'> {
  id: string;
  conversationId: string;
  at: number;
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
  /** Images the user attached, stored as Blobs with the message. */
  images?: ImageAttachment[];
  provider?: ProviderId;
  model?: string;
  status: 'streaming' | 'done' | 'stopped' | 'error';
  error?: StreamError;
  finishReason?: FinishReason;
  usage?: Usage;
  /** On an answer: the page text its request carried that had not gone to that recipient before. */
  sent?: SentPage[];
  /**
   * On an answer: its request left the conversation's oldest turns out, to fit the model's context
   * (lib/chat/context-budget.ts); shown with the answer, so nothing is dropped silently.
   */
  contextCut?: ContextCut;
}

/** How many of a conversation's turns a request carried (the newest `kept`), of the `total` it had. */
export interface ContextCut {
  kept: number;
  total: number;
}

export interface ConversationRecord {
  id: string;
  /** From the first message, so the history list reads as what was asked. */
  title: string;
  createdAt: number;
  updatedAt: number;
}

/** The words a conversation is found by (search-terms.ts), apart from the conversation, so the history list reads none of them. */
export interface TermsRecord {
  /** The conversation's id. */
  id: string;
  terms: string[];
}

/**
 * A distinct term of the search index and how many conversations have it (v5). A query's word is
 * expanded against these to its few terms, and the counts say which word is rare: reading a prefix
 * from the terms index itself read every (term, conversation) key under it (93,053 for "ka" in a
 * year of history, bench/NOTES.md). A count is never lower than the truth: a delete lowers it
 * after the delete itself, and a worker stopped in between leaves it higher, which only makes a
 * search take the slower path.
 */
export interface VocabularyRecord {
  term: string;
  count: number;
}

interface OmniDB extends DBSchema {
  conversations: { key: string; value: ConversationRecord; indexes: { updatedAt: number } };
  messages: { key: string; value: MessageRecord; indexes: { conversationId: string; status: string } };
  terms: { key: string; value: TermsRecord; indexes: { term: string } };
  vocabulary: { key: string; value: VocabularyRecord };
  activity: { key: string; value: ActivityRecord; indexes: { conversationId: string; at: number } };
}

const DB_NAME = 'omni-ai';
/**
 * v1: conversations and messages; v2: messages indexed by status; v4: the search terms of each
 * conversation and the list of page text sent. Each of those two stores came as a v3 on its own
 * branch (chat, siterules), so a v3 database has one or the other: v4 adds whichever is missing.
 * v5: the vocabulary, counted from the v4 terms index (its keys are not changed).
 */
const DB_VERSION = 5;

type UpgradeTx = IDBPTransaction<OmniDB, StoreNames<OmniDB>[], 'versionchange'>;

/** The terms a message adds to its conversation: its text, and the title of a page attached to it. */
function messageTerms(message: Pick<MessageRecord, 'content' | 'context'>): Set<string> {
  const terms = termsOf(message.content);
  if (message.context) for (const term of termsOf(message.context.title)) terms.add(term);
  return terms;
}

/**
 * The search index's migration: the terms of every conversation stored before, read in one pass over the messages
 * in conversation order, so only one conversation's terms are in memory at a time. It runs inside
 * the upgrade, so no page opens the database before every conversation can be found.
 */
async function indexStoredConversations(tx: UpgradeTx): Promise<void> {
  const titles = new Map((await tx.objectStore('conversations').getAll()).map((c) => [c.id, c.title]));
  const terms = tx.objectStore('terms');
  let current: string | undefined;
  let found = new Set<string>();
  const flush = () => {
    if (current === undefined || !titles.has(current)) return;
    for (const term of termsOf(titles.get(current)!)) found.add(term);
    void terms.put({ id: current, terms: [...found] });
    titles.delete(current);
  };
  let cursor = await tx.objectStore('messages').index('conversationId').openCursor();
  while (cursor) {
    if (cursor.value.conversationId !== current) {
      flush();
      current = cursor.value.conversationId;
      found = new Set();
    }
    for (const term of messageTerms(cursor.value)) found.add(term);
    cursor = await cursor.continue();
  }
  flush();
  // Conversations without messages are still found by their titles.
  for (const [id, title] of titles) void terms.put({ id, terms: [...termsOf(title)] });
}

/**
 * v5's migration: each distinct term of the terms index, with how many conversations have it. A key
 * cursor that skips to the next distinct term (`nextunique`) and a `count` per term: the entries
 * are counted inside the database, none is read into the worker, and only the few thousand distinct
 * terms are written, so the upgrade takes seconds for 10,000 conversations (bench/NOTES.md).
 */
async function countVocabulary(tx: UpgradeTx): Promise<void> {
  const index = tx.objectStore('terms').index('term');
  const vocabulary = tx.objectStore('vocabulary');
  const counted: Promise<unknown>[] = [];
  let cursor = await index.openKeyCursor(null, 'nextunique');
  while (cursor) {
    const term = cursor.key;
    counted.push(index.count(term).then((count) => vocabulary.put({ term, count })));
    cursor = await cursor.continue();
  }
  await Promise.all(counted);
}

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
        // v3/v4: search by the words of each conversation, kept up to date by storeRunRecords.
        let indexing = Promise.resolve();
        if (!database.objectStoreNames.contains('terms')) {
          database.createObjectStore('terms', { keyPath: 'id' }).createIndex('term', 'terms', { multiEntry: true });
          if (oldVersion >= 1) indexing = indexStoredConversations(tx);
        }
        // v5: the distinct terms with their counts, from the terms just written or stored before.
        if (!database.objectStoreNames.contains('vocabulary')) {
          database.createObjectStore('vocabulary', { keyPath: 'term' });
          if (oldVersion >= 1) indexing = indexing.then(() => countVocabulary(tx));
        }
        // A failure aborts the upgrade (the open fails, and the panel says storage failed): never half an index.
        indexing.catch(() => {
          try {
            tx.abort();
          } catch {
            // the upgrade ended already
          }
        });
        // v3/v4: what page text left, by date for the options page, by conversation to delete it with it.
        if (!database.objectStoreNames.contains('activity')) {
          const activity = database.createObjectStore('activity', { keyPath: 'id' });
          activity.createIndex('conversationId', 'conversationId');
          activity.createIndex('at', 'at');
        }
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

/**
 * Where a page of the history ended: the next page starts just after this conversation, in the
 * list's order (updatedAt, then id, both descending). A position by value, not by count, so a
 * conversation written or deleted between two pages neither repeats a row nor skips one.
 */
export type HistoryCursor = Pick<ConversationRecord, 'updatedAt' | 'id'>;

/**
 * A cursor on the updatedAt index at the newest conversation after `after` (the newest of all when
 * absent), walking to older ones: where a page of the history, or of a search, starts.
 */
async function newestAfter<Tx extends ArrayLike<StoreNames<OmniDB>>>(index: IDBPIndex<OmniDB, Tx, 'conversations', 'updatedAt'>, after?: HistoryCursor) {
  let cursor = await index.openCursor(after ? IDBKeyRange.upperBound(after.updatedAt) : null, 'prev');
  // Within one updatedAt, 'prev' walks the ids descending: the cursor's own row and those before it were on the last page.
  while (cursor && after && cursor.value.updatedAt === after.updatedAt && cursor.value.id >= after.id) cursor = await cursor.continue();
  return cursor;
}

/**
 * Up to `limit` conversations, newest first, after `after` (from the newest when absent): a cursor
 * over the updatedAt index that reads only the rows asked for (issue 13: 10,000 conversations).
 */
export function listConversationsPage(limit: number, after?: HistoryCursor): Promise<ConversationRecord[]> {
  return withDb(async (database) => {
    const page: ConversationRecord[] = [];
    let cursor = await newestAfter(database.transaction('conversations').store.index('updatedAt'), after);
    while (cursor && page.length < limit) {
      page.push(cursor.value);
      cursor = await cursor.continue();
    }
    return page;
  });
}

export function getMessages(conversationId: string): Promise<MessageRecord[]> {
  return withDb(async (database) => {
    const messages = await database.getAllFromIndex('messages', 'conversationId', conversationId);
    return messages.sort((a, b) => a.at - b.at);
  });
}

/** The messages with these ids (undefined for one not stored), in one read-only transaction (read-path.ts). */
export function getMessagesByIds(ids: readonly string[]): Promise<(MessageRecord | undefined)[]> {
  return withDb(async (database) => {
    const store = database.transaction('messages').store;
    return Promise.all(ids.map((id) => store.get(id)));
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
export function storeRunRecords(records: {
  answer: MessageRecord;
  user?: MessageRecord;
  replaces?: string;
  /** Lines for the list of page text sent, written with the run's first records. */
  activity?: ActivityRecord[];
}): Promise<WriteOutcome> {
  const { answer, user, replaces, activity = [] } = records;
  return withDb(async (database) => {
    if (deleted.has(answer.conversationId)) return 'gone';
    const tx = database.transaction(['conversations', 'messages', 'terms', 'vocabulary', 'activity'], 'readwrite');
    const done = settled(tx.done);
    const conversations = tx.objectStore('conversations');
    const conversation = await conversations.get(answer.conversationId);
    if (!conversation && !user) {
      tx.abort();
      return 'gone';
    }
    const writes: Promise<unknown>[] = [];
    const title = conversation?.title ?? titleFrom(user?.content || user?.context?.title || (user?.images?.[0] ? imageLabel(user.images[0], 0) : ''));
    if (user)
      writes.push(
        conversations.put(
          conversation
            ? { ...conversation, updatedAt: user.at }
            : { id: user.conversationId, title, createdAt: user.at, updatedAt: user.at },
        ),
        tx.objectStore('messages').put(user),
      );
    if (replaces) writes.push(tx.objectStore('messages').delete(replaces));
    writes.push(tx.objectStore('messages').put(answer), ...activity.map((line) => tx.objectStore('activity').put(line)));
    // The question's words now, the answer's once it is complete: not on every write while it streams.
    const words = new Set([...(user ? messageTerms(user) : []), ...(answer.status !== 'streaming' ? messageTerms(answer) : [])]);
    if (words.size)
      writes.push(
        addTerms(tx.objectStore('terms'), answer.conversationId, words, conversation ? undefined : title).then((added) =>
          countTerms(tx.objectStore('vocabulary'), new Map(added.map((term) => [term, 1]))),
        ),
      );
    await Promise.all([...writes, done]);
    return 'written';
  });
}

type TermsStore = IDBPObjectStore<OmniDB, StoreNames<OmniDB>[], 'terms', 'readwrite'>;
type VocabularyStore = IDBPObjectStore<OmniDB, StoreNames<OmniDB>[], 'vocabulary', 'readwrite'>;

/**
 * Adds words to a conversation's terms (and its title's, when it is new), in the caller's
 * transaction; answers the terms the conversation did not have, which the vocabulary counts. The
 * conversation's other index entries are left as they are (a question adds only its new words).
 */
async function addTerms(store: TermsStore, conversationId: string, words: Iterable<string>, title?: string): Promise<string[]> {
  const record = (await store.get(conversationId)) ?? { id: conversationId, terms: [] };
  const terms = new Set(record.terms);
  const added: string[] = [];
  const add = (word: string) => terms.has(word) || (terms.add(word), added.push(word));
  for (const word of words) add(word);
  if (title !== undefined) for (const word of termsOf(title)) add(word);
  if (added.length || record.terms.length === 0) await store.put({ id: conversationId, terms: [...terms] });
  return added;
}

/** Changes the vocabulary's counts by `deltas` (term → conversations more or fewer), in the caller's transaction; a term at 0 goes. */
async function countTerms(store: VocabularyStore, deltas: ReadonlyMap<string, number>): Promise<void> {
  await Promise.all(
    [...deltas].map(async ([term, delta]) => {
      const count = ((await store.get(term))?.count ?? 0) + delta;
      await (count > 0 ? store.put({ term, count }) : store.delete(term));
    }),
  );
}

/**
 * Deletes a conversation and its messages. Only the worker calls this (it stops the conversation's
 * runs first): from the moment of the call, no write of this context can bring a message back.
 */
export function deleteConversation(id: string): Promise<void> {
  deleted.add(id);
  return withDb(async (database) => {
    const tx = database.transaction(['conversations', 'messages', 'terms', 'activity'], 'readwrite');
    const done = settled(tx.done);
    const indexed = tx.objectStore('terms').get(id);
    const keys = await tx.objectStore('messages').index('conversationId').getAllKeys(id);
    // The list of page text sent goes with the conversation: it is part of the history (issue 16 §3).
    const lines = await tx.objectStore('activity').index('conversationId').getAllKeys(id);
    await Promise.all([
      ...keys.map((key) => tx.objectStore('messages').delete(key)),
      ...lines.map((key) => tx.objectStore('activity').delete(key)),
      tx.objectStore('conversations').delete(id),
      tx.objectStore('terms').delete(id),
      done,
    ]);
    // Its terms are counted down in a transaction of their own, started now but not waited for: in
    // the delete's, it held the row 68 ms against 12 to 18 (bench/NOTES.md, v5 as tried in session 5).
    // Lost if the worker stops first: a count then stays higher than the truth, which search allows.
    const terms = (await indexed)?.terms ?? [];
    if (terms.length) {
      const counts = database.transaction('vocabulary', 'readwrite');
      settled(counts.done);
      countTerms(counts.store, new Map(terms.map((term) => [term, -1]))).catch(() => undefined);
    }
  });
}

/** The list of page text sent, newest first. */
export function listActivity(): Promise<ActivityRecord[]> {
  return withDb(async (database) => (await database.getAllFromIndex('activity', 'at')).reverse());
}

/** Empties the list of page text sent; the conversations keep their own record. */
export function clearActivity(): Promise<void> {
  return withDb((database) => database.clear('activity'));
}

/**
 * Answers left "streaming" by a worker that stopped: nothing will finish them now. Runs at every
 * worker start, so it reads only those, through the status index. `isLive`: the answers of runs the
 * calling worker started (RunManager.has), which are left as they are: the worker runs this after
 * its start-up, when a Send may already have started one.
 */
export function markInterrupted(message: string, isLive: (id: string) => boolean = () => false): Promise<void> {
  return withDb(async (database) => {
    // One transaction: a record deleted between the read and the write cannot come back.
    const tx = database.transaction('messages', 'readwrite');
    const done = settled(tx.done);
    const cut = (await tx.store.index('status').getAll('streaming')).filter((m) => !isLive(m.id));
    await Promise.all([...cut.map((m) => tx.store.put({ ...m, status: 'error', error: { kind: 'network', message } })), done]);
  });
}

/** A word of a query and the stored terms that start with it, with how many conversations have each. */
interface ExpandedWord {
  word: string;
  terms: VocabularyRecord[];
  /** The sum of the terms' counts: at least as many (term, conversation) keys as the word's matches. */
  weight: number;
}

/**
 * The search's turning points (tests make them small to reach every way on a small history):
 * - readInFull: below this many (term, conversation) keys, a word's matches are read from the terms
 *   index in full and ordered by reading their rows; above it the word is common (at least 1 in 10
 *   of 10,000 conversations), and a page of its matches is met sooner by walking the history from
 *   the newest;
 * - walkLimit: how many conversations a walk reads before it gives up on filling a page (the words
 *   were each common but seldom together); the search then reads them in full;
 * - walkBatch: conversations a walk asks for together, then checks: a page of 50 from one batch
 *   when half the history matches (two batches of 60 made a common prefix 104 ms p50 at load 6 to 12);
 * - probeLanes: how many slices of a rare word's matches are probed for each other word at once,
 *   each by its own key cursors (havingWord); probeTerms: a word of more terms than this (a short
 *   prefix) is checked on the candidates' terms records instead, a request each.
 */
export const SEARCH_LIMITS = { readInFull: 1000, walkLimit: 1500, walkBatch: 120, probeLanes: 16, probeTerms: 8 };

/** Whether a conversation's terms have, for each word, a term that starts with it. */
const hasEvery = (terms: readonly string[], words: readonly string[]) => words.every((word) => terms.some((term) => term.startsWith(word)));

/** Ids in the order IndexedDB sorts string keys (by code unit, as `<` compares them). */
const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type TermIndex<Tx extends ArrayLike<StoreNames<OmniDB>>> = IDBPIndex<OmniDB, Tx, 'terms', 'term'>;

/**
 * The conversations among `candidates` (ids, ascending) that have a term of `word`. Each of the
 * word's terms is probed by key cursors on the terms index that jump from one candidate to the next
 * (`continuePrimaryKey`, IndexedDB 2.0: the index's entries sort by term, then conversation id), so
 * only the entries at or after a candidate are read, not the word's thousands of keys nor the
 * candidates' terms records (each record is a conversation's every word: session 6 read 532 of
 * them for "vovomi lobrilo", bench/NOTES.md). A cursor waits for each answer before its next jump,
 * so the candidates are split into SEARCH_LIMITS.probeLanes slices, each with cursors of its own:
 * their requests queue together in the transaction instead of one round trip after another.
 */
async function havingWord<Tx extends ArrayLike<StoreNames<OmniDB>>>(index: TermIndex<Tx>, word: ExpandedWord, candidates: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const per = Math.ceil(candidates.length / Math.max(1, SEARCH_LIMITS.probeLanes));
  const probes: Promise<void>[] = [];
  for (let from = 0; from < candidates.length; from += per)
    for (const { term } of word.terms) probes.push(probeTerm(index, term, candidates.slice(from, from + per), found));
  await Promise.all(probes);
  return candidates.filter((id) => found.has(id));
}

/** Adds to `found` each of `slice` (ids, ascending) that has `term`, one cursor jump per candidate at most. */
async function probeTerm<Tx extends ArrayLike<StoreNames<OmniDB>>>(index: TermIndex<Tx>, term: string, slice: readonly string[], found: Set<string>): Promise<void> {
  // An index range bounds terms, not ids: the cursor opens at the term's first id, then jumps.
  let cursor = await index.openKeyCursor(term);
  let next = 0;
  while (cursor) {
    const at = cursor.primaryKey;
    // Candidates before the cursor's id do not have the term: passed without a request.
    while (next < slice.length && slice[next]! < at) next++;
    if (slice[next] === at) {
      found.add(at);
      next++;
    }
    if (next === slice.length) return;
    // Strictly after `at` (the spec's DataError otherwise): the first entry of the term at or after the candidate.
    cursor = await cursor.continuePrimaryKey(term, slice[next]!);
  }
}

/**
 * A query's search over the history, newest first, a page at a time (issue 13 target 3: 10,000
 * conversations in under 100 ms). Each word is expanded against the vocabulary (a few hundred
 * records at most), and the rarest word decides the way:
 * - rare (its terms' keys under SEARCH_LIMITS.readInFull): its keys are read in full, each other word
 *   probed on those few conversations by key cursors that jump from one to the next (havingWord), and
 *   the matches ordered by their rows: the total is known at once;
 * - every word common: the history is walked from the newest, each conversation's terms checked,
 *   until a page is full; its total is read afterwards (`count`), in full, off the first paint.
 */
export class HistorySearch {
  /** The matches, once known in full. */
  private ids: Set<string> | undefined;
  private counting: Promise<number | undefined> | undefined;

  private constructor(
    /** The query's words, rarest first. */
    private readonly expanded: readonly ExpandedWord[],
    ids: Set<string> | undefined,
  ) {
    this.ids = ids;
  }

  private get words(): string[] {
    return this.expanded.map((w) => w.word);
  }

  /** The search for `query`, or undefined when it has no word to look for (then every conversation matches). */
  static async start(query: string): Promise<HistorySearch | undefined> {
    const words = queryTerms(query);
    if (words.length === 0) return undefined;
    return withDb(async (database) => {
      const tx = database.transaction(['vocabulary', 'terms']);
      const vocabulary = tx.objectStore('vocabulary');
      const expanded: ExpandedWord[] = await Promise.all(
        words.map(async (word) => {
          const terms = await vocabulary.getAll(IDBKeyRange.bound(word, `${word}\uffff`));
          return { word, terms, weight: terms.reduce((sum, t) => sum + t.count, 0) };
        }),
      );
      expanded.sort((a, b) => a.weight - b.weight);
      const [rarest, ...others] = expanded as [ExpandedWord, ...ExpandedWord[]];
      if (rarest.weight === 0) return new HistorySearch(expanded, new Set());
      if (rarest.weight > SEARCH_LIMITS.readInFull) return new HistorySearch(expanded, undefined);
      const index = tx.objectStore('terms').index('term');
      // The rarest word's keys in full (a request per term), then each other word probed on those candidates only.
      let found = [...new Set((await Promise.all(rarest.terms.map((t) => index.getAllKeys(t.term)))).flat())].sort(byId);
      for (const word of others) {
        if (found.length === 0) break;
        if (word.terms.length <= SEARCH_LIMITS.probeTerms) found = await havingWord(index, word, found);
        else {
          // A short prefix (hundreds of terms, a cursor each): the candidates' own terms are fewer requests.
          const records = await Promise.all(found.map((id) => tx.objectStore('terms').get(id)));
          found = found.filter((_, i) => hasEvery(records[i]?.terms ?? [], [word.word]));
        }
      }
      return new HistorySearch(expanded, new Set(found));
    });
  }

  /** How many conversations match, when known without reading more. */
  get total(): number | undefined {
    return this.ids?.size;
  }

  /** Up to `limit` matches after `after` (from the newest when absent), newest first. */
  async page(limit: number, after?: HistoryCursor): Promise<ConversationRecord[]> {
    if (this.ids) return searchConversationsPage(this.ids, limit, after);
    const walked = await this.walk(limit, after);
    // A walk from the newest that ended with the page not full met every match: the total is known.
    if (walked && !after && walked.length < limit) this.ids ??= new Set(walked.map((c) => c.id));
    if (walked) return walked;
    // Common words seldom found together: read them in full once; the next pages use it too.
    this.ids = (await this.readAll())!;
    return searchConversationsPage(this.ids, limit, after);
  }

  /**
   * How many conversations match: read in full when the words are common (once, then known), one
   * term at a time. Undefined when `wanted` turned false first (the user typed on): reading a
   * common prefix's keys takes seconds, which the next query should not wait behind.
   */
  async count(wanted: () => boolean = () => true): Promise<number | undefined> {
    if (this.ids) return this.ids.size;
    this.counting ??= this.readAll(wanted).then((ids) => {
      if (ids) return (this.ids ??= ids).size;
      this.counting = undefined;
      return undefined;
    });
    return this.counting;
  }

  /** Forgets a deleted conversation. */
  drop(id: string): void {
    this.ids?.delete(id);
  }

  /** Every match, from the terms index: each word's terms' keys, the rarest word's first, intersected; undefined once not `wanted`. */
  private readAll(wanted: () => boolean = () => true): Promise<Set<string> | undefined> {
    return withDb(async (database) => {
      const index = database.transaction('terms').store.index('term');
      let found: Set<string> | undefined;
      for (const word of this.expanded) {
        const keys = new Set<string>();
        for (const { term } of word.terms) {
          if (!wanted()) return undefined;
          for (const id of await index.getAllKeys(term)) if (!found || found.has(id)) keys.add(id);
        }
        found = keys;
      }
      return found ?? new Set();
    });
  }

  /** The history from the newest, in batches, each conversation's terms checked; undefined after SEARCH_LIMITS.walkLimit with the page not full. */
  private walk(limit: number, after?: HistoryCursor): Promise<ConversationRecord[] | undefined> {
    return withDb(async (database) => {
      const tx = database.transaction(['conversations', 'terms']);
      const terms = tx.objectStore('terms');
      let cursor = await newestAfter(tx.objectStore('conversations').index('updatedAt'), after);
      const page: ConversationRecord[] = [];
      let read = 0;
      while (cursor && page.length < limit) {
        if (read >= SEARCH_LIMITS.walkLimit) return undefined;
        // The batch's rows first, then their terms all at once: asked for as the cursor went, each
        // step of the cursor waited behind the gets queued before it (73 ms for a batch of 120
        // against 9 + 19 ms for the two apart, a probe on the bench's profile at load 11, bench/NOTES.md).
        const batch: ConversationRecord[] = [];
        while (cursor && batch.length < SEARCH_LIMITS.walkBatch) {
          batch.push(cursor.value);
          cursor = await cursor.continue();
        }
        read += batch.length;
        const records = await Promise.all(batch.map((c) => terms.get(c.id)));
        batch.forEach((conversation, i) => {
          const indexed = records[i];
          if (page.length < limit && indexed && hasEvery(indexed.terms, this.words)) page.push(conversation);
        });
      }
      return page;
    });
  }
}

/**
 * Matches up to this many are read by id and sorted here; more are found by walking the updatedAt
 * index from the newest, which meets a page of them in a few steps when they are that common. Reading
 * the index's 10,000 keys in one go took 0.5 to 1.4 s in Chromium under load (bench/NOTES.md).
 */
const READ_BY_ID = 500;

/** Newest first, as the history list orders them. */
const newestFirst = (a: HistoryCursor, b: HistoryCursor) => b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * Up to `limit` of the conversations `found` (a rare query's matches, HistorySearch), newest first, after
 * `after`: the history list's page, limited to a search's matches. Reads only the rows it returns,
 * or the few index entries between them.
 */
export function searchConversationsPage(found: ReadonlySet<string>, limit: number, after?: HistoryCursor): Promise<ConversationRecord[]> {
  if (found.size === 0) return Promise.resolve([]);
  return withDb(async (database) => {
    const store = database.transaction('conversations').store;
    if (found.size <= READ_BY_ID) {
      const rows = (await readIn(store, [...found])).sort(newestFirst);
      return rows.filter((c) => !after || newestFirst(after, c) < 0).slice(0, limit);
    }
    const page: ConversationRecord[] = [];
    let cursor = await newestAfter(store.index('updatedAt'), after);
    while (cursor && page.length < limit) {
      if (found.has(cursor.value.id)) page.push(cursor.value);
      cursor = await cursor.continue();
    }
    return page;
  });
}

async function readIn(store: { get: (id: string) => Promise<ConversationRecord | undefined> }, ids: readonly string[]): Promise<ConversationRecord[]> {
  const records = await Promise.all(ids.map((id) => store.get(id)));
  return records.filter((c): c is ConversationRecord => c !== undefined);
}

/** A conversation with all its messages (every version), as Export all writes it. */
export interface ArchivedConversation extends ConversationRecord {
  messages: Omit<MessageRecord, 'conversationId'>[];
}

/** Every conversation with its messages, newest first. */
export function readAllConversations(): Promise<ArchivedConversation[]> {
  return withDb(async (database) => {
    const tx = database.transaction(['conversations', 'messages']);
    const [conversations, messages] = await Promise.all([tx.objectStore('conversations').index('updatedAt').getAll(), tx.objectStore('messages').getAll()]);
    const byConversation = new Map<string, Omit<MessageRecord, 'conversationId'>[]>();
    for (const { conversationId, ...message } of messages.sort((a, b) => a.at - b.at))
      byConversation.set(conversationId, [...(byConversation.get(conversationId) ?? []), message]);
    return conversations.reverse().map((c) => ({ ...c, messages: byConversation.get(c.id) ?? [] }));
  });
}

/** What an import did: conversations new here, conversations here already that gained messages, and messages added. */
export interface ImportCounts {
  added: number;
  extended: number;
  unchanged: number;
  messages: number;
}

/**
 * Stores imported conversations in one transaction, without duplicates: a conversation or a message
 * whose id is here already is kept as it is (importing the same file twice adds nothing), and a
 * conversation here already only gains the messages it lacks. Only the worker calls this: an id it
 * had deleted may be written again, since the user brings it back.
 */
export function importConversations(batch: readonly ArchivedConversation[]): Promise<ImportCounts> {
  return withDb(async (database) => {
    const tx = database.transaction(['conversations', 'messages', 'terms', 'vocabulary'], 'readwrite');
    const done = settled(tx.done);
    const conversations = tx.objectStore('conversations');
    const messages = tx.objectStore('messages');
    const counts: ImportCounts = { added: 0, extended: 0, unchanged: 0, messages: 0 };
    // The vocabulary's changes, summed over the batch: one read and write per distinct term, not per conversation.
    const deltas = new Map<string, number>();
    const writes: Promise<unknown>[] = [];
    const seen = new Set<string>();
    for (const { messages: archived, ...conversation } of batch) {
      deleted.delete(conversation.id);
      const existing = await conversations.get(conversation.id);
      const present = await Promise.all(archived.map((m) => messages.getKey(m.id)));
      // A message id is stored once: never over another conversation's message, nor twice from one file.
      const fresh = archived.filter((m, i) => present[i] === undefined && !seen.has(m.id) && seen.add(m.id));
      // Nothing of it is new here (a conversation with no message of its own is no conversation).
      if (fresh.length === 0) {
        counts.unchanged++;
        continue;
      }
      if (existing) counts.extended++;
      else counts.added++;
      counts.messages += fresh.length;
      writes.push(
        conversations.put(existing ? { ...existing, updatedAt: Math.max(existing.updatedAt, conversation.updatedAt) } : conversation),
      );
      const words = new Set<string>();
      for (const message of fresh) {
        // An answer exported while it streamed will never finish: say so, as a stopped worker's are.
        const record: MessageRecord =
          message.status === 'streaming'
            ? { ...message, conversationId: conversation.id, status: 'error', error: { kind: 'network', message: t('export_interrupted') } }
            : { ...message, conversationId: conversation.id };
        writes.push(messages.put(record));
        for (const word of messageTerms(record)) words.add(word);
      }
      writes.push(
        addTerms(tx.objectStore('terms'), conversation.id, words, existing ? undefined : conversation.title).then((added) => {
          for (const term of added) deltas.set(term, (deltas.get(term) ?? 0) + 1);
        }),
      );
    }
    await Promise.all(writes);
    await Promise.all([countTerms(tx.objectStore('vocabulary'), deltas), done]);
    return counts;
  });
}
