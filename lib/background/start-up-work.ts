/**
 * Start-up work a Send does not need (sealing a profile's old plain-text secrets, the pages' sign-in
 * statuses, the refresh alarms' rearm, marking the last worker's cut-off answers), kept off the path
 * of the Send that woke the worker (issue 13 §4). On a cold start each of these is a few round trips
 * to the browser process; run at once, they were still in flight when the port's message arrived
 * and delayed it, the settings' read and the request itself (bench/NOTES.md, "A cold worker").
 *
 * Each task runs once per start: DELAY_MS after the start, and not while a run is between its start
 * and its request leaving (`hold`), or at once when something needs its result (the function
 * `defer` returns). A run that never lets go holds it back at most MAX_HOLD_MS.
 */
export class StartUpWork {
  private holds = 0;
  private wake: (() => void) | undefined;
  private quietTime: Promise<void> | undefined;
  private readonly delay: Promise<void>;

  constructor(
    delayMs = StartUpWork.DELAY_MS,
    private readonly maxHoldMs = StartUpWork.MAX_HOLD_MS,
  ) {
    this.delay = new Promise((resolve) => setTimeout(resolve, delayMs));
  }

  /**
   * Long enough for the Send that woke the worker to reach it (its port message arrives a few tens
   * of ms after the listeners are registered, on a loaded machine) and take its hold; short enough
   * that a worker woken by typing (the composer wakes it) is done before the user sends.
   */
  static readonly DELAY_MS = 300;
  static readonly MAX_HOLD_MS = 5000;

  /** A run is starting: the deferred work waits until the returned function is called (its request left, or it ended). */
  hold(): () => void {
    this.holds++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.holds--;
      if (this.holds === 0) this.wake?.();
    };
  }

  /** Resolves after the delay, once no run is starting (or MAX_HOLD_MS after the delay, whatever holds). */
  private quiet(): Promise<void> {
    this.quietTime ??= this.delay.then(() => {
      if (this.holds === 0) return;
      return new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.maxHoldMs);
      });
    });
    return this.quietTime;
  }

  /**
   * `task`, run once: when the start is quiet, or earlier through the returned function, which
   * runs it now if it has not run yet and gives its result. `task` handles its own failures.
   */
  defer<T>(task: () => Promise<T>): () => Promise<T> {
    let result: Promise<T> | undefined;
    const run = () => (result ??= task());
    void this.quiet().then(() => run().catch(() => undefined));
    return run;
  }
}

/** This worker's one: its delay starts when the worker's script runs. */
export const startUpWork = new StartUpWork();
