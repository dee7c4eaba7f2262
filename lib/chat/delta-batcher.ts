/**
 * Collects text deltas and hands them over at most once per animation frame: a fast stream sends
 * hundreds of deltas a second, and rendering each would waste the main thread. The first delta of
 * each answer is the exception (bench/RESULTS.md: waiting for a frame cost one frame of latency).
 */
export class DeltaBatcher {
  private pending = new Map<string, string>();
  private scheduled = false;
  private started = new Set<string>();

  constructor(
    private readonly apply: (batch: Map<string, string>) => void,
    private readonly schedule: (flush: () => void) => void = (flush) =>
      typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flush) : setTimeout(flush, 16),
  ) {}

  add(runId: string, text: string): void {
    this.pending.set(runId, (this.pending.get(runId) ?? '') + text);
    // The first text of an answer is what the user waits for: show it now, not a frame later.
    if (!this.started.has(runId)) {
      this.started.add(runId);
      this.flush();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Applies what is pending now (before a run's end is shown, so no text arrives after it). */
  flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.apply(batch);
  }
}
