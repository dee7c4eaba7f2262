/**
 * Collects text deltas and hands them over at most once per animation frame: a fast stream sends
 * hundreds of deltas a second, and rendering each would waste the main thread.
 */
export class DeltaBatcher {
  private pending = new Map<string, string>();
  private scheduled = false;

  constructor(
    private readonly apply: (batch: Map<string, string>) => void,
    private readonly schedule: (flush: () => void) => void = (flush) =>
      typeof requestAnimationFrame === 'function' ? requestAnimationFrame(flush) : setTimeout(flush, 16),
  ) {}

  add(runId: string, text: string): void {
    this.pending.set(runId, (this.pending.get(runId) ?? '') + text);
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
