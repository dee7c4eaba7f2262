/**
 * What is known of a string's end: `of.slice(from) === text`. An answer grows by `+` (chat-store.ts),
 * which V8 keeps as a rope (a cons string); the first read of its characters copies the whole into a
 * flat string (a "flatten"). Read every frame, that is a copy of the whole answer a frame: O(n²) over
 * the stream, and ~445 KB allocated a frame for the 100,000-token code block, with the garbage
 * collections that follow (issue 13 target 1; bench/NOTES.md, frames while streaming, session 9).
 * A producer that knows what it appended hands it on as a tail, so each reader reads what is new.
 */
export interface Tail {
  /** The string the tail is of: the same object as the one read (compared by identity, O(1)). */
  readonly of: string;
  readonly from: number;
  readonly text: string;
}

/** `text.slice(from)`, from the tail where it covers `from` (without reading `text`), else from `text`. */
export function sliceFrom(text: string, from: number, tail?: Tail): string {
  if (tail && tail.of === text && from >= tail.from && from <= text.length) return tail.text.slice(from - tail.from);
  return text.slice(from);
}

/**
 * `text` as a string of its own. A substring is, in V8, a view that keeps the string it was cut from
 * alive (13 characters or more): a finished block kept as long as its message is shown, or a code
 * block's unfinished rest kept from frame to frame, would keep the whole answer as it was when it
 * was cut (the blocks of a 20,000-token answer, hundreds of the answer's earlier versions).
 * Flattening the text with one character more copies it (into a string of its own length); the view
 * of that copy keeps only the copy.
 */
export const own = (text: string): string => (text + '\n').slice(0, -1);
