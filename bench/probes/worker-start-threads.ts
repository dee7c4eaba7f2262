/**
 * What the other threads do while a stopped worker starts for a Send (issue 13 target 4,
 * bench/NOTES.md "A cold worker"): the cold-worker bench's Send under a browser-wide trace, and for
 * each round the time line from the Enter key to the request: the browser process's ServiceWorker
 * steps, the worker thread's first event and marks, and the tasks that the side panel's main thread
 * (the same renderer process as the worker) runs meanwhile.
 *
 *   [PROBE_EXT=dir] [PROBE_ROUNDS=n] [PROBE_WORKER_EVENTS=µs] [PROBE_V8=1] npx tsx bench/probes/worker-start-threads.ts
 *
 * PROBE_WORKER_EVENTS lists the worker thread's own events of at least that many microseconds
 * before its script runs (the isolate's set-up, the script's decode and compile); PROBE_V8 adds
 * V8's compile and runtime-call categories, which slow the start they describe; PROBE_PANEL_EVENTS
 * lists the panel's events of at least that many microseconds inside the Enter key's handler.
 */
import '../lib/node-extension-shim';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';
import { startBenchServer } from '../lib/bench-server';
import { tracedColdSends } from '../lib/cold-send-rounds';
import type { TraceEvent } from '../lib/cdp-trace';

const env = process.env;
const dir = env.PROBE_EXT ?? EXTENSION_DIR;
const CATEGORIES = [...(env.PROBE_V8 ? ['disabled-by-default-v8.compile', 'v8.execute', 'disabled-by-default-v8.runtime_stats'] : []), 'toplevel', 'ServiceWorker', 'blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'loading', 'navigation', 'mojom', 'ipc', 'renderer.scheduler', 'blink'];

function threadNames(events: TraceEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, String(e.args?.name));
  return names;
}

async function main() {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-threads-'));
  const ext = await launchExtension(profile, dir);
  const server = await startBenchServer();
  const host = new URL(server.url).host;
  const rounds = Number(env.PROBE_ROUNDS ?? 3);
  const rows = new Map<string, number[]>();
  const add = (name: string, v: number) => rows.set(name, [...(rows.get(name) ?? []), v]);
  try {
    await tracedColdSends(ext, server, { rounds, categories: CATEGORIES, settleMs: 200 }, (i, events, load) => {
      const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
      const names = threadNames(events);
      const request = events.filter((e) => e.name === 'ResourceSendRequest' && JSON.stringify(e.args).includes(host)).sort((a, b) => a.ts - b.ts)[0];
      if (!request) return console.log(`round ${i}: no request`);
      const worker = key(request);
      const mark = (name: string) => events.find((e) => key(e) === worker && e.name === `omni-ai:${name}`)?.ts;
      const enter = events.filter((e) => e.name === 'EventDispatch' && (e.args?.data as { type?: string } | undefined)?.type === 'keydown').sort((a, b) => a.ts - b.ts)[0];
      if (!enter) return console.log(`round ${i}: no keydown`);
      const t0 = enter.ts;
      const ms = (t: number | undefined) => (t === undefined ? '   ?  ' : ((t - t0) / 1000).toFixed(1).padStart(6));
      const panelMain = key(enter);
      const threadFirst = Math.min(...events.filter((e) => key(e) === worker && e.ts > t0).map((e) => e.ts));
      const script = mark('script-start');
      console.log(`round ${i} (load ${load.toFixed(1)}): panel ${panelMain} (${names.get(panelMain)}), worker ${worker} (${names.get(worker)}), same process: ${enter.pid === request.pid}`);
      console.log(`  ${ms(enter.ts + (enter.dur ?? 0))}  keydown handled (${((enter.dur ?? 0) / 1000).toFixed(1)} ms)`);
      if (env.PROBE_PANEL_EVENTS)
        for (const e of events.filter((e) => key(e) === panelMain && e.ph === 'X' && e.ts >= enter.ts && e.ts < enter.ts + (enter.dur ?? 0) && (e.dur ?? 0) >= Number(env.PROBE_PANEL_EVENTS)).sort((a, b) => a.ts - b.ts))
          console.log(`  ${ms(e.ts)}  [panel] ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms ${e.name === 'FunctionCall' ? JSON.stringify((e.args?.data as Record<string, unknown> | undefined)?.functionName ?? '') : ''}`);
      // The browser process's and the renderer's ServiceWorker steps, in order.
      const swSteps = events.filter((e) => e.cat.includes('ServiceWorker') && e.ts >= t0 && e.ts <= request.ts && e.ph !== 'M').sort((a, b) => a.ts - b.ts);
      for (const e of swSteps.slice(0, 60)) console.log(`  ${ms(e.ts)}  [${names.get(key(e)) ?? key(e)}] ${e.name} ${e.ph}${e.dur ? ` ${(e.dur / 1000).toFixed(1)} ms` : ''}`);
      console.log(`  ${ms(threadFirst)}  worker thread's first event`);
      if (env.PROBE_WORKER_EVENTS) {
        for (const e of events.filter((e) => key(e) === worker && e.ph === 'X' && e.ts >= threadFirst && e.ts < (script ?? request.ts) && (e.dur ?? 0) >= Number(env.PROBE_WORKER_EVENTS)).sort((a, b) => a.ts - b.ts))
          console.log(`  ${ms(e.ts)}  [worker] ${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)} ms`);
      }
      for (const m of ['script-start', 'evaluated', 'ready', 'port-message', 'run-start', 'fetch-start']) console.log(`  ${ms(mark(m))}  ${m}`);
      console.log(`  ${ms(request.ts)}  request`);
      // The panel's main thread between the Enter and the script's start: its long tasks.
      const tasks = events
        .filter((e) => key(e) === panelMain && e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask') && e.ts >= t0 && e.ts < (script ?? request.ts))
        .sort((a, b) => a.ts - b.ts);
      let busy = 0;
      for (const task of tasks) {
        busy += task.dur ?? 0;
        if ((task.dur ?? 0) < 1000) continue;
        const inner = events
          .filter((e) => key(e) === panelMain && e.ph === 'X' && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= task.ts + (task.dur ?? 0) && e !== task && (e.dur ?? 0) > 300)
          .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0))
          .slice(0, 4)
          .map((e) => `${e.name} ${((e.dur ?? 0) / 1000).toFixed(1)}`);
        console.log(`  ${ms(task.ts)}  panel task ${((task.dur ?? 0) / 1000).toFixed(1)} ms: ${inner.join(', ')}`);
      }
      console.log(`  panel main thread busy between Enter and script-start: ${(busy / 1000).toFixed(1)} ms`);
      // Other threads of the worker's process busy in the same window.
      const others = new Map<string, number>();
      for (const e of events) {
        if (e.pid !== request.pid || key(e) === panelMain || key(e) === worker || e.ph !== 'X') continue;
        if (!(e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')) continue;
        if (e.ts < t0 || e.ts > (script ?? request.ts)) continue;
        const n = names.get(key(e)) ?? key(e);
        others.set(n, (others.get(n) ?? 0) + (e.dur ?? 0));
      }
      console.log(`  other threads of the process, busy ms: ${[...others].map(([n, d]) => `${n} ${(d / 1000).toFixed(1)}`).join(', ')}`);
      add('Enter → worker thread', (threadFirst - t0) / 1000);
      if (script) add('worker thread → script-start', (script - threadFirst) / 1000);
      add('panel busy Enter → script', busy / 1000);
    });
    for (const [name, values] of rows) {
      const sorted = [...values].sort((a, b) => a - b);
      console.log(`${name}: p50 ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms (${sorted.map((v) => v.toFixed(1)).join(', ')})`);
    }
  } finally {
    await ext.close();
    await server.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
}

await main();
