export interface CoalescedWriterOptions {
  /** The least time between the starts of two writes while values keep coming. */
  intervalMs: number;
  /** A write failed. The value is not retried by itself: the next value (or the flush) writes again. */
  onError: (error: unknown) => void;
  /** A write succeeded. */
  onWritten?: () => void;
}

/**
 * Writes the latest value of something that changes fast (an answer while it streams) at most once
 * per interval, one write at a time, and everything that is pending at once on `flush()`.
 *
 * Why bounded: each write stores the whole value again, so writing back to back for as long as an
 * answer streams costs O(n²) bytes, and IndexedDB does that work in the browser process (issue 13:
 * 7.2 s of browser-process CPU for a 20,000-token answer). With an interval, a long answer costs
 * about (duration / interval) writes. What a crash loses is bounded too: the values of the last
 * interval, plus the write under way.
 */
export class CoalescedWriter<T> {
  private latest: T | undefined;
  private inFlight: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastStart = Number.NEGATIVE_INFINITY;
  private flushing = false;
  private closed = false;

  constructor(
    private readonly write: (value: T) => Promise<void>,
    private readonly options: CoalescedWriterOptions,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Makes `value` the one to write next: at once if the interval has passed, else when it has. */
  push(value: T): void {
    if (this.closed) return;
    this.latest = value;
    this.schedule();
  }

  /** Writes what is pending now, without waiting for the interval; resolves once all is written or failed. */
  async flush(): Promise<void> {
    this.flushing = true;
    this.clearTimer();
    while (!this.closed && (this.inFlight || this.latest !== undefined)) {
      if (!this.inFlight) this.start();
      await this.inFlight;
    }
  }

  /** Drops what is pending and writes nothing more (what it wrote is gone: its conversation was deleted). */
  close(): void {
    this.closed = true;
    this.latest = undefined;
    this.clearTimer();
  }

  private schedule(): void {
    if (this.closed || this.inFlight || this.timer || this.latest === undefined) return;
    const wait = this.flushing ? 0 : this.lastStart + this.options.intervalMs - this.now();
    if (wait <= 0) this.start();
    else
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.schedule();
      }, wait);
  }

  private start(): void {
    const value = this.latest as T;
    this.latest = undefined;
    this.lastStart = this.now();
    this.inFlight = this.write(value).then(
      () => this.options.onWritten?.(),
      (error: unknown) => this.options.onError(error),
    );
    void this.inFlight.then(() => {
      this.inFlight = undefined;
      this.schedule();
    });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
