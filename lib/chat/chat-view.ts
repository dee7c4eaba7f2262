import { viewOf, type TreeNode, type Versions } from './conversation-tree';

/** What the chat store derives from a conversation's messages and the leaf it shows. */
export interface ChatView<T> {
  messages: T[];
  leafId?: string;
  /** The path shown, first question to leaf: the messages themselves, not copies. */
  entries: T[];
  versions: Record<string, Versions>;
  streaming: boolean;
}

/** A message as the store holds it: `at` absent only in entries made by hand (read as 0). */
type Message = Omit<TreeNode, 'at'> & { at?: number; status?: string };

/** Whether any of the messages is an answer still streaming. */
export const isStreaming = (messages: readonly Message[]) => messages.some((m) => m.status === 'streaming');

/** The messages as conversation-tree.ts reads them: `at` read as 0 where absent. */
export const treeNodes = (messages: readonly Message[]): TreeNode[] => messages.map((m) => ({ ...m, at: m.at ?? 0 }));

/** The view of `messages` down to `leafId`, worked out from every message (conversation-tree.ts). */
export function view<T extends Message>(messages: T[], leafId: string | undefined): ChatView<T> {
  const { path, versions } = viewOf(treeNodes(messages), leafId);
  const byId = new Map(messages.map((m) => [m.id, m]));
  return { messages, leafId, entries: path.map((node) => byId.get(node.id)!), versions, streaming: isStreaming(messages) };
}

/**
 * The view of `messages` down to `leafId`, given the view before them. A Send appends its question
 * and the answer to the end of the path shown; the full view() sorts, copies and indexes every
 * message of the conversation for that (1,000 in a long one, on the first token's path: issue 13
 * target 2). When `messages` is `previous.messages` with a chain of new messages after it, from
 * the leaf shown down to `leafId`, nothing the previous view worked out can have changed: the path
 * grows by the chain, and no message on it gains or loses a version. Anything else (an edit, a
 * regenerated or retried answer, a version switch, a question given back) is worked out in full.
 *
 * What "nothing can have changed" rests on, each checked below (one pass over the old messages):
 * the old messages are the same objects; the new ones name their parents and are written no
 * earlier than any old one, so they sort after them (a message stored before branching takes the
 * one written before it as its parent: a new one sorted among the old could become that); no old
 * message has a new one's id or names it as its parent; the old leaf has no children yet (else the
 * new question would be a version of them); and the old path ended at a first question, not at the
 * loop guard in conversation-tree.ts, whose bound grows with the number of messages.
 */
export function viewAfter<T extends Message>(previous: ChatView<T>, messages: T[], leafId: string | undefined): ChatView<T> {
  return appended(previous, messages, leafId) ?? view(messages, leafId);
}

function appended<T extends Message>(previous: ChatView<T>, messages: T[], leafId: string | undefined): ChatView<T> | undefined {
  const old = previous.messages;
  const added = messages.slice(old.length);
  const leaf = previous.leafId;
  if (added.length === 0 || added.at(-1)!.id !== leafId || previous.entries.at(-1)?.id !== leaf) return undefined;
  // No path shown: a new first question would be a version of any first question there is.
  if (leaf === undefined && old.length > 0) return undefined;
  for (let i = 0; i < old.length; i++) if (messages[i] !== old[i]) return undefined;

  // A chain from the old leaf (or a first question) down to the new leaf, each naming its parent.
  const newIds = new Set<string>();
  let parent: string | null = leaf ?? null;
  let earliest = Infinity;
  for (const m of added) {
    if (m.parentId !== parent || newIds.has(m.id)) return undefined;
    newIds.add(m.id);
    parent = m.id;
    earliest = Math.min(earliest, m.at ?? 0);
  }

  const leafAt = previous.entries.at(-1)?.at ?? 0;
  const first = previous.entries[0];
  const firstAt = first?.at ?? 0;
  let firstHasParent = false;
  for (const m of old) {
    const at = m.at ?? 0;
    // Written after a new message (it would sort after it), or tied to one by id.
    if (at > earliest || newIds.has(m.id) || (m.parentId != null && newIds.has(m.parentId))) return undefined;
    // A child of the old leaf: named, or (stored before branching) possibly the one written after it.
    if (leaf !== undefined && m.id !== leaf && (m.parentId === leaf || (m.parentId === undefined && at >= leafAt))) return undefined;
    // The path's first message has a parent among the messages (by name, or possibly the one written before it).
    // (Itself, in stored data that loops: the walk then stopped at the loop guard.)
    if (first && (first.parentId !== undefined ? m.id === first.parentId : m !== first && at <= firstAt)) firstHasParent = true;
  }
  if (firstHasParent) return undefined;

  return {
    messages,
    leafId,
    entries: [...previous.entries, ...added],
    versions: previous.versions,
    streaming: isStreaming(messages),
  };
}
