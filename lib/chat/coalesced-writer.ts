/**
 * Writes the latest value of something that changes fast (an answer while it streams) without
 * queueing a write per change: one write in flight at a time, then one more with whatever is newest.
 * Nothing that has arrived is lost beyond the write under way.
 */
export class CoalescedWriter<T> {
  private latest: T | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly write: (value: T) => Promise<void>) {}

  push(value: T): Promise<void> {
    this.latest = value;
    this.running ??= this.drain();
    return this.running;
  }

  private async drain(): Promise<void> {
    while (this.latest !== undefined) {
      const value = this.latest;
      this.latest = undefined;
      try {
        await this.write(value);
      } catch {
        // A failed write is retried with the next value; the final write of a run always happens.
      }
    }
    this.running = undefined;
  }
}
