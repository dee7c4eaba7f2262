/**
 * What the long frames of §2c's code block are (issue 13 target 1, bench/NOTES.md "Frames while
 * streaming"): the 100,000-token answer that is one fenced code block (frame-benches.ts codeAnswer)
 * streamed at 2,000 tokens/s into the built side panel PROBE_ANSWERS times, each in a panel opened
 * on a new chat as §2c's are, with no plain page in between (a §2c run of 6 pairs takes 10 minutes,
 * too long to hold the bench lock; this takes about a minute an answer).
 *
 *   [PROBE_ANSWERS=3] [PROBE_TOKENS=100000] [PROBE_TRACE=1 [PROBE_DETAIL=1]] [PROBE_EXTENSION_DIR=dir] \
 *     flock /tmp/bench-quiet.lock npx tsx bench/probes/code-block-frames.ts
 *
 * Prints, per answer: the load, the longest gap between animation frames, every long task (≥ 50 ms)
 * and every Long Animation Frame (≥ 50 ms) with its phases (tasks before rendering, animation-frame
 * callbacks, style and layout) and its scripts as the browser attributes them (invoker, source
 * function, the first characters of the built code where it starts, duration, forced style and
 * layout). PROBE_TRACE=1 also records a CDP trace (devtools.timeline, V8's GC and its sampling
 * profiler) of each answer and prints: per 10 s from Send, the main thread's CPU and, inside it,
 * Chromium's checks of `content-visibility: auto` elements (what grows with the block); how many
 * long frames had ≥ 50 ms of main-thread CPU (a frame long in wall time with little CPU is a thread
 * waiting for a core: the machine, not the panel); over all long frames, the main thread's self time
 * by trace event (FunctionCall, Layout, PrePaint, V8.GC_…) and its sampled functions; PROBE_DETAIL=1
 * the same for each frame. That is what the scripts list cannot say (a GC, layout outside script,
 * Chrome's own work; it named almost nothing here). A trace slows what it watches: compare traced
 * runs with traced runs. PROBE_KEEP_TRACE=/tmp/name keeps each trace as /tmp/name-<answer>.json.
 *
 * Outside `npm run bench`: it explains figures, it does not make them.
 */
import '../lib/node-extension-shim';
import { createWriteStream, readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { sendMessage } from '../../test/e2e/harness/chat';
import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';
import { codeAnswer } from '../frame-benches';
import { answerEndAt, watchAnswerEnd } from '../lib/answer-end';
import { startBenchServer } from '../lib/bench-server';
import type { TraceEvent as BaseTraceEvent } from '../lib/cdp-trace';
import { settledNewChat } from '../lib/settled-pages';
import { writeBenchModelSettings } from '../lib/write-settings';

const answers = Number(process.env.PROBE_ANSWERS ?? 3);
const tokenCount = Number(process.env.PROBE_TOKENS ?? 100_000);
const tracing = process.env.PROBE_TRACE === '1';
const buildDir = process.env.PROBE_EXTENSION_DIR ?? EXTENSION_DIR;
/** PROBE_DETAIL=1: each traced long frame's trace events and sampled functions, not only the answer's sum. */
const detail = process.env.PROBE_DETAIL === '1';

interface Script {
  invoker: string;
  invokerType: string;
  sourceURL: string;
  sourceFunctionName: string;
  sourceCharPosition: number;
  duration: number;
  forcedStyleAndLayoutDuration: number;
  pauseDuration: number;
}
interface LongFrame {
  startTime: number;
  duration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  blockingDuration: number;
  scripts: Script[];
}
interface Watched {
  sentAt: number;
  maxGap: number;
  gapAt: number;
  /** The last animation frame watched: about the answer's final paint. */
  maxGapEnd: number;
  frames: LongFrame[];
  tasks: { startTime: number; duration: number }[];
  /** performance.now() of the mark `probe-sync`, to place the trace's clock. */
  syncAt: number;
}

declare global {
  interface Window {
    __probe?: { start: () => void; stop: () => Watched };
  }
}

/** The frame watcher of frame-benches.ts, keeping every field of each long frame and script. */
async function installWatch(panel: Page): Promise<void> {
  await panel.evaluate(() => {
    let startedAt = Infinity;
    let running = true;
    let maxGap = 0;
    let gapAt = 0;
    let last = performance.now();
    const tick = (t: number) => {
      if (last >= startedAt && t - last > maxGap) [maxGap, gapAt] = [t - last, last];
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    const frames: LongFrame[] = [];
    const tasks: { startTime: number; duration: number }[] = [];
    const keepFrame = (e: PerformanceEntry) => {
      if (e.startTime < startedAt) return;
      const f = e as unknown as LongFrame;
      frames.push({
        startTime: f.startTime,
        duration: f.duration,
        renderStart: f.renderStart,
        styleAndLayoutStart: f.styleAndLayoutStart,
        blockingDuration: f.blockingDuration,
        scripts: f.scripts.map((s) => ({
          invoker: s.invoker,
          invokerType: s.invokerType,
          sourceURL: s.sourceURL,
          sourceFunctionName: s.sourceFunctionName,
          sourceCharPosition: s.sourceCharPosition,
          duration: s.duration,
          forcedStyleAndLayoutDuration: s.forcedStyleAndLayoutDuration,
          pauseDuration: s.pauseDuration,
        })),
      });
    };
    const keepTask = (e: PerformanceEntry) => e.startTime >= startedAt && tasks.push({ startTime: e.startTime, duration: e.duration });
    const frameObserver = new PerformanceObserver((list) => list.getEntries().forEach(keepFrame));
    frameObserver.observe({ type: 'long-animation-frame' });
    const taskObserver = new PerformanceObserver((list) => list.getEntries().forEach(keepTask));
    taskObserver.observe({ type: 'longtask' });
    let syncAt = 0;
    window.__probe = {
      start: () => {
        syncAt = performance.mark('probe-sync').startTime;
        startedAt = performance.now();
      },
      stop: () => {
        running = false;
        frameObserver.takeRecords().forEach(keepFrame);
        taskObserver.takeRecords().forEach(keepTask);
        frameObserver.disconnect();
        taskObserver.disconnect();
        return { sentAt: startedAt, maxGap, gapAt, maxGapEnd: last, frames, tasks, syncAt };
      },
    };
  });
}

const sources = new Map<string, { text: string; lines: string[] }>();
/** The built script an extension URL names, read once (its text, and its lines for line:column places). */
function builtSource(url: string): { text: string; lines: string[] } | undefined {
  if (!url.startsWith('chrome-extension://')) return undefined;
  const file = path.join(buildDir, new URL(url).pathname);
  if (!sources.has(file)) {
    const text = readFileSync(file, 'utf8');
    sources.set(file, { text, lines: text.split('\n') });
  }
  return sources.get(file);
}

/** The first 60 characters of the built script at `position`, to tell minified functions apart. */
function codeAt(url: string, position: number): string {
  const source = position < 0 ? undefined : builtSource(url);
  return source ? source.text.slice(position, position + 60).replace(/\s+/g, ' ') : '';
}

/** A trace event (bench/lib/cdp-trace.ts) with the sampling profiler's data. `tdur` is the thread's CPU time in it: far below `dur`, the thread was waiting for a core. */
interface TraceEvent extends Omit<BaseTraceEvent, 'args'> {
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> & ProfileData };
}
/** What V8's sampling profiler writes into a trace (disabled-by-default-v8.cpu_profiler): Profile, then ProfileChunks. */
interface ProfileData {
  startTime?: number;
  cpuProfile?: { nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }[]; samples?: number[] };
  timeDeltas?: number[];
}

/** Each sample of the panel's main thread as [time (µs, the trace's clock), the sampled function]. */
function samplesOf(events: TraceEvent[], pid: number, tid: number): { at: number; fn: string }[] {
  const profile = events.find((e) => e.name === 'Profile' && e.pid === pid && e.tid === tid);
  if (!profile) return [];
  const names = new Map<number, string>();
  const out: { at: number; fn: string }[] = [];
  let at = profile.args!.data!.startTime!;
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || e.id !== profile.id) continue;
    const { cpuProfile, timeDeltas = [] } = e.args!.data!;
    for (const n of cpuProfile?.nodes ?? []) {
      const { functionName, url, lineNumber, columnNumber } = n.callFrame;
      names.set(n.id, `${functionName || '(anonymous)'}${url ? ` ${new URL(url).pathname}:${lineNumber}:${columnNumber} — ${codeAtLine(url, lineNumber, columnNumber)}` : ''}`);
    }
    (cpuProfile?.samples ?? []).forEach((id, i) => {
      at += timeDeltas[i] ?? 0;
      out.push({ at, fn: names.get(id) ?? String(id) });
    });
  }
  return out;
}


/** Streams a finished trace to `file` (Tracing's ReturnAsStream: a 50-second trace is too big for one message). */
async function saveTrace(cdp: CDPSession, file: string): Promise<void> {
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e) => resolve(e.stream!)));
  await cdp.send('Tracing.end');
  const handle = await done;
  const out = createWriteStream(file);
  for (;;) {
    const { data, eof, base64Encoded } = await cdp.send('IO.read', { handle, size: 4 << 20 });
    out.write(base64Encoded ? Buffer.from(data, 'base64') : data);
    if (eof) break;
  }
  await cdp.send('IO.close', { handle });
  await new Promise((resolve) => out.end(resolve));
}

/** The trace's events, read line by line (Chrome writes one event a line), so no single string holds it all. */
async function readTrace(file: string): Promise<TraceEvent[]> {
  const events: TraceEvent[] = [];
  const text = await fs.readFile(file, 'utf8');
  for (const line of text.split('\n')) {
    const json = line.trim().replace(/^\{"traceEvents":\[/, '').replace(/,$/, '').replace(/\]\}$/, '');
    if (!json.startsWith('{')) continue;
    try {
      events.push(JSON.parse(json) as TraceEvent);
    } catch {
      // A line holding more than one event, or the metadata: not needed here.
    }
  }
  return events;
}

/**
 * The main thread's self time by event name in [from, to] (µs, the trace's clock): each complete
 * event's duration minus its children's, clipped to the window. B/E pairs are made complete first.
 */
function selfTimeByEvent(events: TraceEvent[], from: number, to: number): [string, number][] {
  const complete: { name: string; start: number; end: number }[] = [];
  const open: TraceEvent[] = [];
  for (const e of events) {
    if (e.ph === 'X' && e.dur !== undefined) complete.push({ name: e.name, start: e.ts, end: e.ts + e.dur });
    else if (e.ph === 'B') open.push(e);
    else if (e.ph === 'E') {
      const begin = open.pop();
      if (begin) complete.push({ name: begin.name, start: begin.ts, end: e.ts });
    }
  }
  const inWindow = complete.filter((e) => e.end > from && e.start < to).sort((a, b) => a.start - b.start || b.end - a.end);
  const self = new Map<string, number>();
  const stack: { name: string; start: number; end: number }[] = [];
  const clip = (s: number, e: number) => Math.max(0, Math.min(e, to) - Math.max(s, from));
  const add = (name: string, us: number) => self.set(name, (self.get(name) ?? 0) + us);
  for (const e of inWindow) {
    while (stack.length && stack.at(-1)!.end <= e.start) stack.pop();
    const parent = stack.at(-1);
    add(e.name, clip(e.start, e.end));
    if (parent) add(parent.name, -clip(e.start, Math.min(e.end, parent.end)));
    stack.push(e);
  }
  return [...self].filter(([, us]) => us >= 500).sort((a, b) => b[1] - a[1]);
}

/** The first 50 characters of the built script at a line and column (0-based, as the profiler gives them). */
function codeAtLine(url: string, line: number, column: number): string {
  return (builtSource(url)?.lines[line] ?? '').slice(column, column + 50).replace(/\s+/g, ' ');
}

/** Sampled time by function in [from, to] (µs), the top `top`. */
function sampledByFunction(samples: { at: number; fn: string }[], from: number, to: number, top = 8): [string, number][] {
  const totals = new Map<string, number>();
  for (let i = 1; i < samples.length; i++) {
    const { at, fn } = samples[i]!;
    if (at < from || at > to) continue;
    totals.set(fn, (totals.get(fn) ?? 0) + at - samples[i - 1]!.at);
  }
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, top);
}

/** The main thread's outermost events (each task's work) that overlap [from, to]. */
function rootsIn(events: TraceEvent[], from: number, to: number): TraceEvent[] {
  const roots: TraceEvent[] = [];
  let end = -Infinity;
  for (const e of events) {
    if (e.ph !== 'X' || e.dur === undefined || e.ts < end) continue;
    end = e.ts + e.dur;
    if (end > from && e.ts < to) roots.push(e);
  }
  return roots;
}

/** Wall and CPU time of the main thread's work in [from, to] (µs): CPU far below wall is a thread waiting for a core. */
function busyIn(events: TraceEvent[], from: number, to: number): { wall: number; cpu: number } {
  let wall = 0;
  let cpu = 0;
  for (const e of rootsIn(events, from, to)) {
    // Clipped to the window; the CPU time in proportion (a trace says only the event's total).
    const share = (Math.min(e.ts + e.dur!, to) - Math.max(e.ts, from)) / e.dur!;
    wall += e.dur! * share;
    cpu += (e.tdur ?? 0) * share;
  }
  return { wall, cpu };
}

const ms = (n: number) => `${n.toFixed(0)} ms`;

function printFrame(f: LongFrame, sentAt: number, trace?: { events: TraceEvent[]; offset: number; samples: { at: number; fn: string }[] }): void {
  const end = f.startTime + f.duration;
  const tasks = (f.renderStart || f.styleAndLayoutStart) - f.startTime;
  const raf = f.renderStart ? f.styleAndLayoutStart - f.renderStart : 0;
  console.log(
    `  long frame at +${ms(f.startTime - sentAt)}: ${ms(f.duration)} (blocking ${ms(f.blockingDuration)}): tasks ${ms(tasks)}, rAF ${ms(raf)}, style+layout ${ms(end - f.styleAndLayoutStart)}`,
  );
  for (const s of f.scripts)
    console.log(
      `    script ${ms(s.duration)} (forced style+layout ${ms(s.forcedStyleAndLayoutDuration)}) ${s.invokerType} ${s.invoker} → ${s.sourceFunctionName || '(anonymous)'} ${s.sourceURL ? new URL(s.sourceURL).pathname : ''}:${s.sourceCharPosition} — ${codeAt(s.sourceURL, s.sourceCharPosition)}`,
    );
  if (!trace || !detail) return;
  const from = f.startTime * 1000 + trace.offset;
  const top = selfTimeByEvent(trace.events, from, from + f.duration * 1000).slice(0, 10);
  const busy = busyIn(trace.events, from, from + f.duration * 1000);
  console.log(`    trace: main thread busy ${ms(busy.wall / 1000)}, of it on a core ${ms(busy.cpu / 1000)}; self time: ${top.map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', ')}`);
  for (const [fn, us] of sampledByFunction(trace.samples, from, from + f.duration * 1000)) console.log(`      sampled ${(us / 1000).toFixed(1).padStart(6)} ms  ${fn}`);
}

const profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'probe-code-frames-'));
const ext = await launchExtension(profileDir, buildDir);
await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
const server = await startBenchServer();
try {
  await writeBenchModelSettings(ext, `${server.url}/v1`);
  // 20 tokens every 10 ms: 2,000 tokens/s, as §2c.
  server.setPlan({ tokens: codeAnswer(tokenCount), perTick: 20, tickMs: 10, firstTokenDelayMs: 30 });
  console.log(`build ${buildDir}; ${answers} answers of ${tokenCount} tokens${tracing ? ', traced' : ''}`);
  for (let i = 1; i <= answers; i++) {
    const load = os.loadavg()[0]!;
    const panel = await settledNewChat(ext);
    try {
      await installWatch(panel);
      await watchAnswerEnd(panel);
      const cdp = tracing ? await ext.context.newCDPSession(panel) : undefined;
      await cdp?.send('Tracing.start', {
        transferMode: 'ReturnAsStream',
        traceConfig: { includedCategories: ['devtools.timeline', 'blink.user_timing', 'v8', 'v8.gc', 'disabled-by-default-v8.gc', 'disabled-by-default-v8.cpu_profiler'], recordMode: 'recordAsMuchAsPossible' },
      });
      await panel.evaluate(() => window.__probe!.start());
      await sendMessage(panel, `Code ${i}`);
      await answerEndAt(panel);
      const w = await panel.evaluate(() => window.__probe!.stop());
      let trace: { events: TraceEvent[]; offset: number; samples: { at: number; fn: string }[] } | undefined;
      if (cdp) {
        const file = path.join(profileDir, `trace-${i}.json`);
        await saveTrace(cdp, file);
        const all = await readTrace(file);
        const sync = all.find((e) => e.name === 'probe-sync');
        // The panel's main thread: the renderer that marked, its thread named CrRendererMain.
        const main = all.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === sync?.pid && e.args?.name === 'CrRendererMain');
        if (sync && main)
          trace = { events: all.filter((e) => e.pid === main.pid && e.tid === main.tid).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0)), offset: sync.ts - w.syncAt * 1000, samples: samplesOf(all, main.pid, main.tid) };
        else console.log('  (trace: no probe-sync mark or main thread found)');
        if (process.env.PROBE_KEEP_TRACE) await fs.copyFile(file, `${process.env.PROBE_KEEP_TRACE}-${i}.json`);
        await fs.rm(file);
      }
      const longTasks = w.tasks.filter((t) => t.duration >= 50);
      console.log(
        `answer ${i} (load ${load.toFixed(1)}): longest gap ${ms(w.maxGap)} at +${ms(w.gapAt - w.sentAt)}; long frames ${w.frames.length}${w.frames.length ? ` (${w.frames.map((f) => ms(f.duration)).join(', ')})` : ''}; long tasks ${longTasks.length}${longTasks.length ? ` (${longTasks.map((t) => `${ms(t.duration)} at +${ms(t.startTime - w.sentAt)}`).join(', ')})` : ''}`,
      );
      for (const f of w.frames) printFrame(f, w.sentAt, trace);
      if (trace) {
        // What grows with the block: the main thread's CPU, and content-visibility's intersection
        // checks (one per `content-visibility: auto` element, every frame), per 10 s from Send.
        const tenths: string[] = [];
        const start = w.sentAt * 1000 + trace.offset;
        for (let t = 0; t < w.maxGapEnd - w.sentAt; t += 10_000) {
          const [from, to] = [start + t * 1000, start + (t + 10_000) * 1000];
          const checks = trace.events.filter((e) => e.name === 'IntersectionObserverController::computeIntersections' && e.ts >= from && e.ts < to);
          tenths.push(`${ms(busyIn(trace.events, from, to).cpu / 1000)} (${ms(checks.reduce((a, e) => a + (e.tdur ?? 0), 0) / 1000)})`);
        }
        console.log(`  main thread CPU per 10 s (of it, intersection checks): ${tenths.join(', ')}`);
      }
      if (trace && w.frames.length) {
        // All long frames together: where the time over budget went, across the answer.
        const windows = w.frames.map((f) => [f.startTime * 1000 + trace.offset, (f.startTime + f.duration) * 1000 + trace.offset] as const);
        const sum = (rows: [string, number][][]) => {
          const totals = new Map<string, number>();
          for (const row of rows) for (const [name, us] of row) totals.set(name, (totals.get(name) ?? 0) + us);
          return [...totals].sort((a, b) => b[1] - a[1]);
        };
        const events = sum(windows.map(([from, to]) => selfTimeByEvent(trace.events, from, to))).slice(0, 12);
        const busy = windows.map(([from, to]) => busyIn(trace.events, from, to)).reduce((a, b) => ({ wall: a.wall + b.wall, cpu: a.cpu + b.cpu }), { wall: 0, cpu: 0 });
        const onCore = w.frames.filter((f, i) => busyIn(trace.events, ...windows[i]!).cpu >= 50_000).length;
        console.log(`  long frames whose main thread ran ≥ 50 ms on a core: ${onCore} of ${w.frames.length}; in all of them it was busy ${ms(busy.wall / 1000)}, on a core ${ms(busy.cpu / 1000)}`);
        console.log(`  all ${w.frames.length} long frames (${ms(w.frames.reduce((a, f) => a + f.duration, 0))}), trace self time: ${events.map(([n, us]) => `${n} ${(us / 1000).toFixed(0)}`).join(', ')}`);
        for (const [fn, us] of sum(windows.map(([from, to]) => sampledByFunction(trace.samples, from, to, Infinity))).slice(0, 15))
          console.log(`    sampled ${(us / 1000).toFixed(1).padStart(7)} ms  ${fn}`);
      }
    } finally {
      await panel.close();
    }
  }
} finally {
  await server.close();
  await ext.context.close();
  await fs.rm(profileDir, { recursive: true, force: true });
}
