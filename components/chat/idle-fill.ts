import type { ChatEntry } from '@/lib/chat/chat-store';

/** An answer rendered a step at a time (answer-build.ts): a block, or a slice of a long code block. */
export interface Build {
  /** Renders the next step; true once the whole answer is in `nodes`. */
  step(): boolean;
  readonly nodes: DocumentFragment;
}

/** What requestIdleCallback hands its callback. */
export interface FillDeadline {
  timeRemaining(): number;
}

/** requestIdleCallback and cancelIdleCallback, and a task posted at once (replaceable, for tests). */
export interface IdleScheduler {
  request(work: (deadline: FillDeadline) => void): number;
  cancel(handle: number): void;
  /** Runs `work` in a task of its own, after what is queued (input, a frame) has run. */
  post(work: () => void): void;
}

/** Where the copies go (rendered-answers.ts). */
export interface Kept {
  readonly maxChars: number;
  /** Characters of answers kept now. */
  readonly chars: number;
  has(id: string, text: string): boolean;
  keep(id: string, text: string, nodes: DocumentFragment): void;
}

/** The rows in view (indexes into the entries) and which way the log last scrolled. */
export interface FillView {
  start: number;
  end: number;
  direction: 'forward' | 'backward' | null;
}

type FillEntry = Pick<ChatEntry, 'id' | 'role' | 'content' | 'status'>;

export interface FillOptions {
  /** The rows now (read at each step: the conversation may change while it fills). */
  entries: () => readonly FillEntry[];
  view: () => FillView | undefined;
  kept: Kept;
  build: (text: string) => Build;
  idle: IdleScheduler;
  now?: () => number;
  /** Whether input waits (navigator.scheduling.isInputPending): the slice ends at once. */
  inputPending?: () => boolean;
}

/** At most this much of one idle period (ms): an input arriving meanwhile waits no longer. */
export const SLICE_MS = 5;
/** No step starts with less of the idle period left than this (ms): a step is ~0.1 to 1 ms. */
const STEP_MS = 1;

/**
 * The rows to fill, nearest the view first: those in view, then outward on both sides, two rows
 * ahead of the scroll (the way the log last moved) for each one behind it; alike when it has not
 * moved.
 */
export function* nearestFirst(view: FillView, count: number): Generator<number> {
  if (count <= 0) return;
  const { start, end } = rowsInView(view, count);
  for (let i = start; i <= end; i++) yield i;
  const forward = view.direction === 'forward';
  let ahead = forward ? end + 1 : start - 1;
  let behind = forward ? start - 1 : end + 1;
  const step = forward ? 1 : -1;
  const perBehind = view.direction ? 2 : 1;
  const inside = (i: number) => i >= 0 && i < count;
  while (inside(ahead) || inside(behind)) {
    for (let n = 0; n < perBehind && inside(ahead); n++, ahead += step) yield ahead;
    if (inside(behind)) {
      yield behind;
      behind -= step;
    }
  }
}

/** The view's first and last rows, within the `count` rows there are (count > 0). */
function rowsInView(view: FillView, count: number): { start: number; end: number } {
  const start = Math.min(Math.max(view.start, 0), count - 1);
  return { start, end: Math.min(Math.max(view.end, start), count - 1) };
}

/**
 * Rows at each end of the conversation the fill takes early, beside those near the view: four
 * questions and their answers, what Home or End lands on and the first screens past it. The ends are one key away from anywhere (Home, End, the
 * scrollbar dragged to the top), and a conversation opens at its end, so without them the top was
 * filled last: a jump there rendered every answer it landed on inside its frames.
 */
export const END_ROWS = 8;

/**
 * The order the fill takes the rows in: those in view, then two from nearestFirst for each one
 * from the ends (the first and last END_ROWS, alternately top and bottom, each end's outermost
 * first); every row once. Past the ends' rows, nearestFirst alone.
 */
export function* fillOrder(view: FillView, count: number): Generator<number> {
  if (count <= 0) return;
  const seen = new Set<number>();
  const near = nearestFirst(view, count);
  // nearestFirst's first rows are those in view.
  const { start, end } = rowsInView(view, count);
  const inView = end - start + 1;
  const ends: number[] = [];
  for (let i = 0; i < Math.min(END_ROWS, count); i++) ends.push(i, count - 1 - i);
  const take = (source: Iterator<number>) => {
    for (let next = source.next(); !next.done; next = source.next()) if (!seen.has(next.value)) return seen.add(next.value), next.value;
    return undefined;
  };
  const endsSource = ends.values();
  for (let i = 0; i < inView; i++) {
    const row = take(near);
    if (row !== undefined) yield row;
  }
  for (;;) {
    const a = take(near);
    if (a !== undefined) yield a;
    const b = take(near);
    if (b !== undefined) yield b;
    const c = take(endsSource);
    if (c !== undefined) yield c;
    if (a === undefined && b === undefined && c === undefined) return;
  }
}

/**
 * Renders a windowed log's finished answers ahead of the view while the panel is idle, and keeps
 * them (rendered-answers.ts), so that scrolling mounts a kept copy instead of parsing, sanitising and
 * highlighting each answer in the frame: the first scroll through a long conversation did that for
 * every answer it passed (133 ms p95 frames; issue 13 target 2, bench/NOTES.md session 9).
 *
 * - Only in idle time (requestIdleCallback), at most SLICE_MS of each idle period, a step (one block)
 *   at a time, ending as soon as input waits: while the user scrolls, it runs in what is left of each
 *   frame and never past its deadline, so a frame is never later for it.
 * - Nearest first (nearestFirst, from the view read at each step: it follows the scroll), with the
 *   rows at both ends of the conversation among the first (fillOrder).
 * - Never past the bound: it stops at the first answer that does not fit in what is left of it,
 *   and never pushes a kept answer out.
 * - Never a streaming answer (only `done`, `stopped` or `error` ones with text); an answer whose
 *   text changed while it was rendered is not kept.
 * - `stop()` ends it (another conversation, a stream starting, the log unmounting).
 */
export class IdleFill {
  private handle: number | undefined;
  private job: { id: string; text: string; build: Build } | undefined;
  private stopped = false;
  /** Counts the idle periods asked for: a slice posted in an earlier one (before a stop) does nothing. */
  private run = 0;
  private readonly now: () => number;

  constructor(private readonly options: FillOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    this.job = undefined;
    if (this.handle !== undefined) this.options.idle.cancel(this.handle);
    this.handle = undefined;
  }

  /** Whether it has more to do (an idle callback or a slice is pending). */
  get running(): boolean {
    return this.handle !== undefined;
  }

  private schedule(): void {
    if (this.stopped || this.handle !== undefined) return;
    const run = ++this.run;
    this.handle = this.options.idle.request((deadline) => this.slice(deadline, run));
  }

  /**
   * Steps while the idle period lasts, in slices of at most SLICE_MS, each in a task of its own:
   * a callback requested from an idle callback waits for the next idle period (up to 50 ms away),
   * so one 5 ms slice an idle period used a tenth of the idle time. The deadline's timeRemaining()
   * is 0 once higher-priority work waits (Blink's idle_deadline.cc: ShouldYieldForHighPriorityWork),
   * and the next slice's task runs after what is queued.
   */
  private slice(deadline: FillDeadline, run: number): void {
    if (this.stopped || run !== this.run) return;
    const started = this.now();
    while (deadline.timeRemaining() >= STEP_MS && !this.options.inputPending?.()) {
      if (this.now() - started >= SLICE_MS) return this.options.idle.post(() => this.slice(deadline, run));
      this.job ??= this.next();
      if (!this.job) return void (this.handle = undefined); // all near answers kept, or the bound reached: done
      if (this.job.build.step()) this.finish(this.job);
    }
    this.handle = undefined;
    this.schedule();
  }

  private finish(job: { id: string; text: string; build: Build }): void {
    this.job = undefined;
    const { kept } = this.options;
    const entry = this.options.entries().find((e) => e.id === job.id);
    if (!entry || !finished(entry) || entry.content !== job.text || kept.has(job.id, job.text)) return;
    if (kept.chars + job.text.length > kept.maxChars) return;
    kept.keep(job.id, job.text, job.build.nodes);
  }

  /** The nearest answer to render, or undefined when there is none, or it does not fit. */
  private next(): { id: string; text: string; build: Build } | undefined {
    const entries = this.options.entries();
    const view = this.options.view();
    if (!view) return undefined;
    const { kept } = this.options;
    for (const index of fillOrder(view, entries.length)) {
      const entry = entries[index]!;
      if (entry.role !== 'assistant' || !finished(entry) || !entry.content || kept.has(entry.id, entry.content)) continue;
      // Longer than the whole bound: never kept (rendered-answers.ts), and no reason to stop.
      if (entry.content.length > kept.maxChars) continue;
      if (kept.chars + entry.content.length > kept.maxChars) return undefined;
      return { id: entry.id, text: entry.content, build: this.options.build(entry.content) };
    }
    return undefined;
  }
}

const finished = (entry: FillEntry) => entry.status !== 'streaming';

/** The browser's requestIdleCallback (Chromium's and Firefox's). */
export const browserIdle: IdleScheduler = {
  request: (work) => requestIdleCallback(work),
  cancel: (handle) => cancelIdleCallback(handle),
  post: (work) => {
    // A message to itself: a task at once, without setTimeout's clamp.
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      work();
    };
    channel.port2.postMessage(undefined);
  },
};
