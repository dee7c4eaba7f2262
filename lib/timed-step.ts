/**
 * Start-up and first-run timings for the cold-worker bench (bench/worker-benches.ts, issue 13 §4),
 * as User Timing entries named `omni-ai:<name>`: a measure from the step's start to its end, or a
 * mark for an instant. Only the first of each name in a context is recorded: that is the one a cold
 * start is about, and a worker that lives for hours keeps a handful of entries, not one per run.
 */
const recorded = new Set<string>();

function first(name: string): boolean {
  if (recorded.has(name)) return false;
  recorded.add(name);
  return true;
}

/** Runs `work`, measuring it the first time a step of this name runs here. Its result is `work`'s, unchanged. */
export function timedStep<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!first(name)) return work();
  const start = performance.now();
  const result = work();
  const end = () => void performance.measure(`omni-ai:${name}`, { start });
  result.then(end, end);
  return result;
}

/** Marks an instant, the first time it happens here. */
export function markOnce(name: string): void {
  if (first(name)) performance.mark(`omni-ai:${name}`);
}
