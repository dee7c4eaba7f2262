/** Percentile by nearest rank on a sorted copy. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Figure {
  name: string;
  unit: string;
  values: number[];
  target?: string;
  note?: string;
}

export const fmt = (n: number, unit: string) => `${n >= 100 ? n.toFixed(0) : n.toFixed(1)} ${unit}`;

export function summarise(f: Figure): { p50: string; p95: string; runs: number } {
  return { p50: fmt(percentile(f.values, 50), f.unit), p95: fmt(percentile(f.values, 95), f.unit), runs: f.values.length };
}

/** Wall-clock milliseconds with sub-millisecond precision, comparable between Node and the browser. */
export const nowMs = () => performance.timeOrigin + performance.now();
