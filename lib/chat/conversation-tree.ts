/**
 * A conversation is a tree: editing a question adds a sibling question (with answers of its own),
 * regenerating an answer adds a sibling answer, and every version stays reachable ("2 / 2"). The
 * panel shows one path through it, from the first question to a leaf. These functions are pure and
 * linear in the number of messages (a conversation may have a thousand, issue 13); the chat store
 * keeps every message of the conversation and the leaf it shows.
 */

export interface TreeNode {
  id: string;
  role: 'user' | 'assistant';
  /** Order of writing (ms). */
  at: number;
  /**
   * The message this one follows: null for a first question, undefined for a message stored before
   * conversations branched (its parent is the message written just before it).
   */
  parentId?: string | null;
}

/** Where a message sits among its versions: `ids` oldest first. */
export interface Versions {
  ids: string[];
  index: number;
}

interface Index<T extends TreeNode> {
  byId: Map<string, T>;
  parent: Map<string, string | null>;
  /** Children by parent id ('' for the first questions), oldest first. */
  children: Map<string, T[]>;
}

const ROOT = '';

/** Parents and children of every message, with the stored-before-branches rule applied. */
function indexOf<T extends TreeNode>(nodes: readonly T[]): Index<T> {
  const sorted = [...nodes].sort((a, b) => a.at - b.at);
  const index: Index<T> = { byId: new Map(), parent: new Map(), children: new Map() };
  sorted.forEach((node, i) => {
    const parent = node.parentId !== undefined ? node.parentId : (sorted[i - 1]?.id ?? null);
    index.byId.set(node.id, node);
    index.parent.set(node.id, parent);
    const key = parent ?? ROOT;
    index.children.set(key, [...(index.children.get(key) ?? []), node]);
  });
  return index;
}

function walkToRoot<T extends TreeNode>(index: Index<T>, leafId: string | undefined): T[] {
  const path: T[] = [];
  // Bounded: stored data with a loop in it cannot hang the panel.
  for (let id = leafId; id !== undefined && path.length < index.byId.size; ) {
    const node = index.byId.get(id);
    if (!node) break;
    path.push(node);
    id = index.parent.get(id) ?? undefined;
  }
  return path.reverse();
}

function descend<T extends TreeNode>(index: Index<T>, id: string): string {
  let leaf = id;
  for (let steps = 0; steps < index.byId.size; steps++) {
    const newest = index.children.get(leaf)?.at(-1);
    if (!newest) break;
    leaf = newest.id;
  }
  return leaf;
}

/** The messages from the first question down to `leafId`, in order; empty if it is unknown. */
export function pathTo<T extends TreeNode>(nodes: readonly T[], leafId: string | undefined): T[] {
  return walkToRoot(indexOf(nodes), leafId);
}

/** From `id` down, always to the newest child: the branch written last below it. */
export function latestLeaf(nodes: readonly TreeNode[], id: string): string {
  return descend(indexOf(nodes), id);
}

/** The leaf a conversation opens on: below the message written last. */
export function defaultLeaf(nodes: readonly TreeNode[]): string | undefined {
  if (nodes.length === 0) return undefined;
  const newest = nodes.reduce((a, b) => (b.at >= a.at ? b : a));
  return latestLeaf(nodes, newest.id);
}

/**
 * What the panel shows: the path to `leafId`, and for each message on it that has other versions,
 * where it sits among them (same parent, same role).
 */
export function viewOf<T extends TreeNode>(nodes: readonly T[], leafId: string | undefined): { path: T[]; versions: Record<string, Versions> } {
  const index = indexOf(nodes);
  const path = walkToRoot(index, leafId);
  const versions: Record<string, Versions> = {};
  for (const node of path) {
    const siblings = (index.children.get(index.parent.get(node.id) ?? ROOT) ?? []).filter((s) => s.role === node.role);
    if (siblings.length > 1) versions[node.id] = { ids: siblings.map((s) => s.id), index: siblings.indexOf(node) };
  }
  return { path, versions };
}
