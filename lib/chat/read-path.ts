import { isTurnRef, type ChatTurn, type SendTurn } from '../messaging/chat-port';
import { blobToBase64 } from './base64';
import { getMessages, type MessageRecord } from './conversation-db';
import { turnOf } from './turn-of';

/**
 * How long a send waits for IndexedDB to give back the turns it names by reference. A store that
 * fails or hangs must never keep a request from starting (docs/RELIABILITY.md): past this, the
 * worker asks the panel for the full turns instead, and the run starts with those.
 */
export const READ_WAIT_MS = 1_000;

export interface ReadPathDeps {
  /**
   * The records of this conversation's runs whose latest version may not be stored yet (a final
   * write still pending in CoalescedWriter, or failing): the run manager's, newer than IndexedDB's.
   */
  unwritten: (conversationId: string) => MessageRecord[];
  read?: (conversationId: string) => Promise<MessageRecord[]>;
  waitMs?: number;
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
 * The turns of a send with those named by reference read back (issue 13 target 2), in the send's
 * order, each exactly as the panel would have sent it (turn-of.ts, the one conversion both use).
 * Undefined when any of them cannot be: a record missing, in another conversation, or not what the
 * panel holds (its text's length or its number of images differ), or the store failing or not
 * answering within `waitMs`. The caller then asks for the full turns: never a shorter history.
 */
export async function readPath(conversationId: string, turns: readonly SendTurn[], deps: ReadPathDeps): Promise<ChatTurn[] | undefined> {
  const { read = getMessages, waitMs = READ_WAIT_MS } = deps;
  const byId = new Map<string, MessageRecord>();
  // Taken before the read is asked for: a record not held now had its last write confirmed, so the
  // read (a later transaction on the same store, IndexedDB 3.0 §2.7.2) sees it. One still held is
  // used from memory, whatever the store has of it.
  for (const record of deps.unwritten(conversationId)) byId.set(record.id, record);
  if (turns.some((turn) => isTurnRef(turn) && !byId.has(turn.ref))) {
    const records = await within(read(conversationId), waitMs);
    if (!records) return undefined;
    for (const record of records) if (!byId.has(record.id)) byId.set(record.id, record);
  }
  // Each turn as it came, or the record it names (whose images are read into base64 next).
  const resolved: ({ turn: ChatTurn } | { record: MessageRecord })[] = [];
  for (const turn of turns) {
    if (!isTurnRef(turn)) {
      resolved.push({ turn });
      continue;
    }
    const record = byId.get(turn.ref);
    if (!record || record.conversationId !== conversationId || record.content.length !== turn.chars || (record.images?.length ?? 0) !== turn.images) return undefined;
    resolved.push({ record });
  }
  const blobs = resolved.flatMap((item) => ('record' in item ? (item.record.images ?? []).map((image) => image.blob) : []));
  const data = await within(Promise.all(blobs.map(async (blob) => [blob, await blobToBase64(blob)] as const)), waitMs);
  if (!data) return undefined;
  const dataOf = new Map(data);
  return resolved.map((item) => ('record' in item ? turnOf(item.record, (blob) => dataOf.get(blob)!) : item.turn));
}
