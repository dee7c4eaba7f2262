import { isTurnRef, type ChatTurn, type SendTurn, type TurnRef } from '../messaging/chat-port';
import { blobToBase64 } from './base64';
import { getMessages, getMessagesByIds, type MessageRecord } from './conversation-db';
import { estimateTurnTokens, type EstimatedTurn } from './estimate-tokens';
import { turnOf } from './turn-of';

/**
 * How long a send waits for IndexedDB to give back the turns it names by reference. A store that
 * fails or hangs must never keep a request from starting (docs/RELIABILITY.md): past this, the
 * worker asks the panel for the full turns instead, and the run starts with those.
 */
export const READ_WAIT_MS = 1_000;

/**
 * Up to this many turns missing from the cache are read by id; more, and the whole conversation is
 * read through its index in one request (a fresh worker's first send in a long conversation).
 */
export const READ_BY_ID = 64;

/** Conversations whose turns the worker keeps: the few a user goes back and forth between. */
const CACHED_CONVERSATIONS = 4;

/**
 * The turns of the conversations last sent in, as the provider is sent them (images in base64),
 * for finished messages only: a finished message never changes (an edit or a regeneration is a new
 * message, a Retry deletes only the failed answer it replaces, which no path names again). Reading
 * a 1,000-message conversation back from IndexedDB costs as much as the panel posting it (about
 * 190 to 280 ms at load 8, measured in the worker: bench/NOTES.md), so it is read once per worker
 * life, and later sends read only the few messages new since. Lost when the worker stops.
 */
export class TurnCache {
  private conversations = new Map<string, Map<string, ChatTurn>>();

  get(conversationId: string, id: string): ChatTurn | undefined {
    return this.conversations.get(conversationId)?.get(id);
  }

  put(conversationId: string, turns: Iterable<ChatTurn>): void {
    const kept = this.conversations.get(conversationId) ?? new Map<string, ChatTurn>();
    // The most recent last, so the one dropped when full is the one least recently sent in.
    this.conversations.delete(conversationId);
    this.conversations.set(conversationId, kept);
    for (const turn of turns) if (turn.id) kept.set(turn.id, turn);
    while (this.conversations.size > CACHED_CONVERSATIONS) this.conversations.delete(this.conversations.keys().next().value!);
  }

  /**
   * A finished record this worker has just stored (record-run.ts `final`), for a conversation it
   * keeps: the next send in it finds its newest turns here instead of reading them back (issue 13
   * target 2: an IndexedDB round trip between the port message and the request). Only into a
   * conversation already kept, whole from a read (`warm` or a send): a conversation made of these
   * alone would look warm and never be read. A record with images is left to the read, which turns
   * their blobs into base64.
   */
  add(conversationId: string, record: MessageRecord): void {
    if (record.conversationId !== conversationId || record.status === 'streaming' || record.images?.length) return;
    this.conversations.get(conversationId)?.set(record.id, turnOf(record, () => ''));
  }

  has(conversationId: string): boolean {
    return this.conversations.has(conversationId);
  }

  /** A deleted conversation's text leaves the worker's memory with it, not when the cache is full. */
  forget(conversationId: string): void {
    this.conversations.delete(conversationId);
  }
}

/** The worker's one cache. */
export const turnCache = new TurnCache();

export interface ReadPathDeps {
  /**
   * The records of this conversation's runs whose latest version may not be stored yet (a final
   * write still pending in CoalescedWriter, or failing): the run manager's, newer than IndexedDB's.
   */
  unwritten: (conversationId: string) => MessageRecord[];
  cache?: TurnCache;
  read?: (conversationId: string) => Promise<MessageRecord[]>;
  readByIds?: (ids: readonly string[]) => Promise<(MessageRecord | undefined)[]>;
  waitMs?: number;
}

/**
 * Reads a conversation's finished turns into the cache, ahead of the first send in it (the panel
 * says it opened one: `warm`). Best effort: a failure leaves the send to read what it needs.
 */
export async function warmTurns(conversationId: string, cache = turnCache, read = getMessages): Promise<void> {
  if (cache.has(conversationId)) return;
  try {
    // An answer still streaming is not final, nor one whose final write is pending (stored as streaming).
    const finished = (await read(conversationId)).filter((record) => record.status !== 'streaming');
    const dataOf = await imagesOf(finished);
    cache.put(conversationId, finished.map((record) => turnOf(record, (blob) => dataOf.get(blob)!)));
  } catch {
    // The send reads for itself, and asks the panel for the full turns if that fails too.
  }
}

/** The records' images in base64, by blob, as a turn carries them. */
async function imagesOf(records: readonly MessageRecord[]): Promise<Map<Blob, string>> {
  const blobs = records.flatMap((record) => (record.images ?? []).map((image) => image.blob));
  return new Map(await Promise.all(blobs.map(async (blob) => [blob, await blobToBase64(blob)] as const)));
}

/** The value, or undefined if it fails or takes longer than `ms`. */
function within<T>(work: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    work.catch(() => undefined),
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Whether a turn is the one the panel holds: the same length of text, as many images, the same role
 * and the same estimated tokens. The request was fitted to the model's context from the reference's
 * `tokens` before this read (context-budget.ts): a turn read back whose estimate differs (its page
 * text, say) is not the one the panel fitted, so it is never sent in its place: the panel is asked
 * for the full turns, and the budget fits those. So what goes never rests on a figure the worker
 * did not check on the text it sends.
 */
const matches = (turn: EstimatedTurn, ref: TurnRef) =>
  turn.content.length === ref.chars && (turn.images?.length ?? 0) === ref.images && turn.role === ref.role && estimateTurnTokens(turn) === ref.tokens;

/**
 * The turns of a send with those named by reference read back (issue 13 target 2), in the send's
 * order, each exactly as the panel would have sent it (turn-of.ts, the one conversion both use).
 * Undefined when any of them cannot be: a record missing, in another conversation, or not what the
 * panel holds (its text's length or its number of images differ), or the store failing or not
 * answering within `waitMs`. The caller then asks for the full turns: never a shorter history.
 * The caller passes only the turns the context budget keeps (serve-chat-port.ts): the others are
 * never read.
 */
export async function readPath(conversationId: string, turns: readonly SendTurn[], deps: ReadPathDeps): Promise<ChatTurn[] | undefined> {
  const { cache = turnCache, read = getMessages, readByIds = getMessagesByIds, waitMs = READ_WAIT_MS } = deps;
  const records = new Map<string, MessageRecord>();
  // Taken before any read is asked for: a record not held now had its last write confirmed, so the
  // read (a later transaction on the same store, IndexedDB 3.0 §2.7.2) sees it. One still held is
  // used from memory, whatever the store has of it.
  for (const record of deps.unwritten(conversationId)) records.set(record.id, record);
  const missing = turns.filter((turn): turn is TurnRef => isTurnRef(turn) && !records.has(turn.ref) && !cache.get(conversationId, turn.ref));
  if (missing.length > READ_BY_ID) {
    const all = await within(read(conversationId), waitMs);
    if (!all) return undefined;
    for (const record of all) if (!records.has(record.id)) records.set(record.id, record);
  } else if (missing.length) {
    const found = await within(readByIds(missing.map((turn) => turn.ref)), waitMs);
    if (!found) return undefined;
    for (const record of found) if (record && !records.has(record.id)) records.set(record.id, record);
  }
  // Each turn as it came, as cached, or the record it names (whose images are read into base64 next).
  const resolved: ({ turn: ChatTurn } | { record: MessageRecord })[] = [];
  for (const turn of turns) {
    if (!isTurnRef(turn)) {
      resolved.push({ turn });
      continue;
    }
    const record = records.get(turn.ref);
    if (record) {
      if (record.conversationId !== conversationId || !matches(record, turn)) return undefined;
      resolved.push({ record });
      continue;
    }
    const cached = cache.get(conversationId, turn.ref);
    if (!cached || !matches(cached, turn)) return undefined;
    resolved.push({ turn: cached });
  }
  const dataOf = await within(imagesOf(resolved.flatMap((item) => ('record' in item ? [item.record] : []))), waitMs);
  if (!dataOf) return undefined;
  // Only what is stored and final is kept: a record from memory may not be written yet.
  const unwritten = new Set(deps.unwritten(conversationId).map((record) => record.id));
  const finished: ChatTurn[] = [];
  const path = resolved.map((item) => {
    if (!('record' in item)) return item.turn;
    const turn = turnOf(item.record, (blob) => dataOf.get(blob)!);
    if (item.record.status !== 'streaming' && !unwritten.has(item.record.id)) finished.push(turn);
    return turn;
  });
  cache.put(conversationId, finished);
  return path;
}
