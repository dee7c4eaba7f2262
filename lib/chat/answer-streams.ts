/**
 * The deltas each streaming answer grew by, so that the panel's Markdown reads what is new without
 * reading the whole answer (issue 13 target 1). The store grows an answer by `content + delta`,
 * which V8 keeps as a rope; the first read of its characters (a `slice`, an `indexOf`, a compare)
 * copies the whole answer into a flat string: every frame, ~445 KB for the 100,000-token code block,
 * O(n²) over the stream, with the garbage collections it brings (bench/NOTES.md, frames while
 * streaming, session 9). Nothing here is stored or sent: `content` stays the answer's text for every
 * other reader (storage, copy, search, export), joined by V8 when one of them first reads it.
 */
export class AnswerStreams {
  private readonly streams = new Map<string, { text: string; start: number; parts: string[]; ends: number[] }>();

  /** The store set `id`'s text to `text`, which is `before + added`. */
  grew(id: string, before: string, text: string, added: string): void {
    let stream = this.streams.get(id);
    // Identity, not content: the same string object is O(1) to compare (a different one is a new start).
    if (!stream || stream.text !== before) this.streams.set(id, (stream = { text: before, start: before.length, parts: [], ends: [] }));
    stream.parts.push(added);
    stream.ends.push(text.length);
    stream.text = text;
  }

  /**
   * `text.slice(from)` from the deltas, where `text` is the last text the store gave `id` and `from`
   * is within what they cover; otherwise undefined (the caller reads `text` itself).
   */
  after(id: string, text: string, from: number): string | undefined {
    const stream = this.streams.get(id);
    if (!stream || stream.text !== text || from < stream.start || from > text.length) return undefined;
    // Readers ask for what is new: search from the last part back.
    let i = stream.parts.length;
    while (i > 0 && stream.ends[i - 1]! > from) i--;
    if (i === stream.parts.length) return '';
    const partStart = i > 0 ? stream.ends[i - 1]! : stream.start;
    return stream.parts[i]!.slice(from - partStart) + stream.parts.slice(i + 1).join('');
  }

  /** The answer stopped streaming (or changed some other way): its deltas are let go. */
  end(id: string): void {
    this.streams.delete(id);
  }
}

/** The panel's: the chat store writes it (its delta path), Markdown reads it. */
export const answerStreams = new AnswerStreams();
