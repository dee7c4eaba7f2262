import type { CDPSession } from '@playwright/test';

/** One event of a Chrome trace (the Trace Event Format), as the probes read it. */
export interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  pid: number;
  tid: number;
  args?: Record<string, unknown> & { name?: string; data?: Record<string, unknown> };
}

/** Ends a trace started with `transferMode: 'ReturnAsStream'` and reads its stream whole, as JSON text. */
export async function endTraceText(cdp: CDPSession): Promise<string> {
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream!)));
  await cdp.send('Tracing.end');
  const stream = await done;
  const chunks: string[] = [];
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle: stream });
  return chunks.join('');
}

/** A trace's events, from either shape Chrome writes: an object with `traceEvents`, or the bare array. */
export function traceEvents(text: string): TraceEvent[] {
  const parsed = JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}
