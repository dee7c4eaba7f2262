/**
 * Where a stopped worker's time goes between its start and a Send's request (issue 13 target 4,
 * bench/NOTES.md "A cold worker"): the cold-worker bench's Send (question typed, worker stopped with
 * CDP ServiceWorker.stopWorker, Enter) under a browser-wide trace with V8's sampling profiler, which
 * starts with the worker's thread, so the profile holds the script's compile and evaluation from its
 * first instruction. Each sample is placed in a phase by the worker's own marks (script-start,
 * evaluated, ready, port-message) and the request leaving (ResourceSendRequest), and attributed to
 * its function's source through the build's source maps.
 *
 *   [PROBE_EXT=dir] [PROBE_ROUNDS=n] npx tsx bench/probes/cold-start-profile.ts
 *
 * PROBE_EXT should be a build with source maps (`build: { sourcemap: true }` in wxt.config.ts's
 * vite, not committed) for the sources; without them functions are named by their minified place.
 * Outside `npm run bench`: the profiler slows what it samples, so it explains figures, never makes them.
 */
import '../lib/node-extension-shim';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js';
import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';
import { startBenchServer } from '../lib/bench-server';
import { tracedColdSends } from '../lib/cold-send-rounds';
import type { TraceEvent } from '../lib/cdp-trace';

const env = process.env;
const dir = env.PROBE_EXT ?? EXTENSION_DIR;
const CATEGORIES = ['disabled-by-default-v8.cpu_profiler', 'toplevel', 'v8', 'v8.execute', 'blink.user_timing', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

interface Node {
  id: number;
  parent?: number;
  callFrame: { functionName: string; url: string; lineNumber?: number; columnNumber?: number };
}

const maps = new Map<string, SourceMapConsumer | null>();
async function mapOf(url: string): Promise<SourceMapConsumer | null> {
  const file = url.split('/').pop() ?? '';
  if (!maps.has(file)) {
    try {
      maps.set(file, new SourceMapConsumer(JSON.parse(await fs.readFile(path.join(dir, `${file}.map`), 'utf8')) as RawSourceMap));
    } catch {
      maps.set(file, null);
    }
  }
  return maps.get(file)!;
}

/** A frame's source: `package` for node_modules, the repository path for omni-ai's own, with the function's name. */
async function sourceOf(frame: Node['callFrame']): Promise<{ source: string; fn: string }> {
  const fn = frame.functionName || '(top level)';
  if (!frame.url) return { source: fn, fn };
  const map = await mapOf(frame.url);
  const file = frame.url.split('/').pop()!;
  if (!map || frame.lineNumber === undefined) return { source: file, fn: `${fn}@${file}:${(frame.lineNumber ?? 0) + 1}` };
  const at = map.originalPositionFor({ line: frame.lineNumber + 1, column: frame.columnNumber ?? 0 });
  let source = at.source ?? file;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  source = pkg ? pkg[1]! : source.replace(/^(\.\.\/)+/, '');
  return { source, fn: `${at.name ?? fn} (${source}:${at.line ?? '?'})` };
}

interface Phase {
  name: string;
  from: number;
  to: number;
}

async function analyse(events: TraceEvent[], serverHost: string, out: Map<string, { self: Map<string, number>; bySource: Map<string, number>; topDown: Map<string, number>; total: number; wall: number }>) {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const request = events.filter((e) => e.name === 'ResourceSendRequest' && JSON.stringify(e.args).includes(serverHost)).sort((a, b) => a.ts - b.ts)[0];
  if (!request) return console.log('  no request in the trace');
  const worker = key(request);
  const mark = (name: string) => events.find((e) => key(e) === worker && e.name === `omni-ai:${name}`)?.ts;
  const profileEvent = events.find((e) => e.name === 'Profile' && key(e) === worker);
  if (!profileEvent) return console.log('  no profile for the worker thread');
  const id = String((profileEvent as unknown as { id: string }).id);
  const start = Number((profileEvent.args?.data as { startTime: number }).startTime);
  const nodes = new Map<number, Node>();
  const samples: { node: number; t: number; dt: number }[] = [];
  let t = start;
  for (const e of events.filter((e) => e.name === 'ProfileChunk' && e.pid === profileEvent.pid && String((e as unknown as { id: string }).id) === id).sort((a, b) => a.ts - b.ts)) {
    const data = e.args?.data as { cpuProfile?: { nodes?: Node[]; samples?: number[] }; timeDeltas?: number[] };
    for (const n of data.cpuProfile?.nodes ?? []) nodes.set(n.id, n);
    (data.cpuProfile?.samples ?? []).forEach((node, i) => {
      t += data.timeDeltas?.[i] ?? 0;
      samples.push({ node, t, dt: 0 });
    });
  }
  for (let i = 0; i < samples.length - 1; i++) samples[i]!.dt = samples[i + 1]!.t - samples[i]!.t;
  const threadStart = Math.min(...events.filter((e) => key(e) === worker && e.ts > 0).map((e) => e.ts));
  const points = { thread: threadStart, script: mark('script-start'), evaluated: mark('evaluated'), ready: mark('ready'), message: mark('port-message'), request: request.ts };
  console.log(
    `  worker ${worker}: from its thread's first event, ms: profile ${((start - threadStart) / 1000).toFixed(1)}, script ${fmt(points.script, threadStart)}, evaluated ${fmt(points.evaluated, threadStart)}, ready ${fmt(points.ready, threadStart)}, port message ${fmt(points.message, threadStart)}, request ${fmt(points.request, threadStart)}`,
  );
  const phases: Phase[] = [
    { name: 'thread → script', from: threadStart, to: points.script ?? start },
    { name: 'script → evaluated', from: points.script ?? 0, to: points.evaluated ?? 0 },
    { name: 'evaluated → ready', from: points.evaluated ?? 0, to: points.ready ?? 0 },
    { name: 'ready → request', from: points.ready ?? 0, to: points.request },
  ];
  const described = new Map<number, { source: string; fn: string }>();
  const describe = async (n: number) => {
    if (!described.has(n)) described.set(n, await sourceOf(nodes.get(n)!.callFrame));
    return described.get(n)!;
  };
  for (const phase of phases) {
    const agg = out.get(phase.name) ?? { self: new Map(), bySource: new Map(), topDown: new Map(), total: 0, wall: 0 };
    out.set(phase.name, agg);
    agg.wall += (phase.to - phase.from) / 1000;
    for (const s of samples) {
      if (s.t < phase.from || s.t >= phase.to) continue;
      const { fn } = await describe(s.node);
      if (fn === '(idle)') continue;
      agg.total += s.dt / 1000;
      agg.self.set(fn, (agg.self.get(fn) ?? 0) + s.dt / 1000);
      // Inclusive by source: every distinct source on the stack gets the sample once.
      const seen = new Set<string>();
      const stack: string[] = [];
      for (let n: number | undefined = s.node; n !== undefined; n = nodes.get(n)?.parent) {
        const d = await describe(n);
        if (d.fn === '(root)') break;
        stack.unshift(d.fn);
        if (!seen.has(d.source)) {
          seen.add(d.source);
          agg.bySource.set(d.source, (agg.bySource.get(d.source) ?? 0) + s.dt / 1000);
        }
      }
      if (env.PROBE_STACKS && new RegExp(env.PROBE_STACKS).test(fn)) agg.topDown.set(`STACK ${stack.join(' > ')}`, (agg.topDown.get(`STACK ${stack.join(' > ')}`) ?? 0) + s.dt / 1000);
      // The frames below the top level (what the script's or an event's first call spends).
      const head = stack.slice(0, 3).join(' > ');
      agg.topDown.set(head, (agg.topDown.get(head) ?? 0) + s.dt / 1000);
    }
  }
}

const fmt = (ts: number | undefined, from: number) => (ts === undefined ? '?' : ((ts - from) / 1000).toFixed(1));
const top = (m: Map<string, number>, n: number, rounds: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `      ${(v / rounds).toFixed(2).padStart(6)}  ${k}`)
    .join('\n');

async function main() {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-coldprof-'));
  const ext = await launchExtension(profile, dir);
  const server = await startBenchServer();
  const rounds = Number(env.PROBE_ROUNDS ?? 5);
  const out = new Map<string, { self: Map<string, number>; bySource: Map<string, number>; topDown: Map<string, number>; total: number; wall: number }>();
  const loads: number[] = [];
  try {
    await tracedColdSends(ext, server, { rounds, categories: CATEGORIES }, async (i, events, load) => {
      loads.push(load);
      if (env.PROBE_TRACE) await fs.writeFile(path.join(env.PROBE_TRACE, `cold-${i}.json`), JSON.stringify(events));
      console.log(`round ${i}`);
      await analyse(events, server.url.replace('http://', ''), out);
    });
  } finally {
    await ext.close();
    await server.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
  console.log(`\nper cold start, mean of ${rounds} (ms of samples; wall is the phase's length), load ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}`);
  for (const [name, agg] of out) {
    console.log(`  ${name}: wall ${(agg.wall / rounds).toFixed(1)} ms, sampled non-idle ${(agg.total / rounds).toFixed(1)} ms`);
    console.log(`    self, by function:\n${top(agg.self, 14, rounds)}`);
    console.log(`    inclusive, by source:\n${top(agg.bySource, 16, rounds)}`);
    console.log(`    by the stack's first three frames:\n${top(agg.topDown, 12, rounds)}`);
  }
}

await main();
