import type { ChatEntry } from '@/lib/chat/chat-store';

/**
 * From how many messages the log mounts only the rows near its visible part (WindowedMessages).
 * Below it every message is in the DOM, so find-in-page (which only sees mounted text) finds any
 * word of an everyday conversation; mounting 100 messages costs about a tenth of the 2.4 s frame
 * that 1,000 cost (bench/NOTES.md, issue 13 target 2).
 */
export const WINDOW_FROM = 100;

/** Characters a line of the panel holds, roughly (a 360 px panel, 14 px text). */
const LINE_CHARS = 48;

/**
 * Each message's guess, worked out once per message object. The store replaces a message when it
 * changes (chat-store.ts: `patch`, the delta batcher), so an object's guess never goes stale. The
 * virtualizer asks again for every row not yet measured whenever the rows change: at each Send in a
 * 1,000-message conversation that was ~1,000 texts split into lines, on the first token's path
 * (issue 13 target 2, bench/NOTES.md session 10).
 */
const estimates = new WeakMap<object, number>();

/**
 * A first guess at a message's height, in px, before it is measured: its lines of text plus the
 * author line and the actions. A close guess keeps the scrollbar from jumping as rows are measured.
 */
export function estimateRowHeight(entry: Pick<ChatEntry, 'role' | 'content' | 'images'>): number {
  let height = estimates.get(entry);
  if (height === undefined) estimates.set(entry, (height = guessHeight(entry)));
  return height;
}

function guessHeight(entry: Pick<ChatEntry, 'role' | 'content' | 'images'>): number {
  let lines = 0;
  for (const line of entry.content.split('\n')) lines += Math.max(1, Math.ceil(line.length / LINE_CHARS));
  const text = lines * 22;
  const images = entry.images?.length ? 126 : 0;
  return entry.role === 'assistant' ? 24 + text + images + 44 : text + images + 16 + 44;
}

/**
 * The rows to mount: the library's range (visible ones plus overscan) and the rows that must stay
 * mounted wherever the view is: a question being edited (its draft lives in the row) and the row
 * holding keyboard focus (unmounting it would drop focus to the page). Sorted, without repeats.
 */
export function withKeptRows(range: readonly number[], kept: Iterable<number>, count: number): number[] {
  const rows = new Set(range);
  for (const index of kept) if (index >= 0 && index < count) rows.add(index);
  return [...rows].sort((a, b) => a - b);
}
