/**
 * The long conversation's *first* scroll, many times (issue 13 target 2, bench/NOTES.md session 10):
 * the bench gives one first scroll a run, so this seeds once and then, N times, opens a fresh panel,
 * waits for the conversation as the bench does and at once scrolls it top to bottom as the bench
 * does (a jump to the top, two frames, then a screen a frame), recording each frame's gap, the rows
 * it mounted and the scroll handlers' time, and how many answers were already kept when it started.
 *
 *   [PROBE_EXT=dir] [PROBE_REPS=8] [PROBE_FRAMES=n] npx tsx bench/probes/first-scroll-probe.ts
 *
 * Env: PROBE_EXT the build (default .output/chrome-mv3); PROBE_REPS opens + first scrolls (default
 * 8); PROBE_FRAMES stop each scroll after this many frames (default: at the bottom; the bench's
 * figure is the whole scroll); PROBE_SHOW frames printed from each scroll's start (default 12);
 * PROBE_IDLE_MS idle time between the conversation shown and the jump (default 0, as the bench);
 * PROBE_TRACE a file: the first open and scroll traced (CDP), its longest gaps summarised;
 * PROBE_TRACE_REPS the first n opens traced so (default 1; the second and later to <file>.<rep>).
 * A scratch build's performance.measure entries are summed into the worst frames' lines.
 */
import '../lib/node-extension-shim';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';
import { seedConversation, settleWorker, thousandMessages } from '../long-conversation-benches';
import { writeBenchModelSettings } from '../lib/write-settings';
import { endTraceText, traceEvents, type TraceEvent } from '../lib/cdp-trace';

const env = process.env;
const load = () => os.loadavg()[0]!.toFixed(1);

interface Frame {
  gap: number;
  rows: number;
  handlers: number;
  /** performance.measure entries that started in this frame's gap (a scratch build's marks): name → ms, count. */
  measures: Record<string, [number, number]>;
  /** The frame's rAF timestamp (the page's clock), to place those entries. */
  at: number;
}

/** The bench's scrollTopToBottom (long-conversation-benches.ts), with each frame recorded. */
function firstScroll(panel: Page, maxFrames: number): Promise<{ jump: number; frames: Frame[]; mountedAtJump: number; loafs: string[]; before: string }> {
  return panel.evaluate(async (maxFrames) => {
    const log = document.querySelector<HTMLElement>('[role="log"]')!;
    let scroller: HTMLElement | null = log;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
    const box = scroller!;
    let added = 0;
    const mutations = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.classList.contains('log-window-row')) added++;
    });
    mutations.observe(box, { subtree: true, childList: true });
    let handlerStart = 0;
    let handlers = 0;
    const onScrollStart = () => (handlerStart = performance.now());
    const onScrollEnd = () => (handlers += performance.now() - handlerStart);
    document.addEventListener('scroll', onScrollStart, { capture: true });
    box.addEventListener('scroll', onScrollEnd);
    // Long Animation Frames (≥ 50 ms) from the jump on, with the scripts in them: whose work a long frame was.
    const loafs: string[] = [];
    type Loaf = PerformanceEntry & { renderStart: number; styleAndLayoutStart: number; scripts: { invoker: string; sourceFunctionName: string; duration: number; forcedStyleAndLayoutDuration: number }[] };
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries() as Loaf[]) {
        if (e.startTime < jumpAt) continue;
        const scripts = e.scripts.filter((x) => x.duration >= 3).map((x) => `${x.invoker}${x.sourceFunctionName ? ` ${x.sourceFunctionName}` : ''} ${x.duration.toFixed(0)}${x.forcedStyleAndLayoutDuration >= 1 ? ` (forced layout ${x.forcedStyleAndLayoutDuration.toFixed(0)})` : ''}`);
        const render = e.renderStart ? e.startTime + e.duration - e.renderStart : 0;
        loafs.push(`at +${(e.startTime - jumpAt).toFixed(0)} ${e.duration.toFixed(0)} ms (render ${render.toFixed(0)}): ${scripts.join(' | ') || 'no script ≥ 3 ms'}`);
      }
    });
    observer.observe({ type: 'long-animation-frame' });
    console.timeStamp('first-scroll-jump');
    const jumpAt = performance.now();
    const w = window as unknown as { __markdownAt?: number; __firstIdleAt?: number };
    const before = `jump at ${jumpAt.toFixed(0)} ms, Markdown at ${w.__markdownAt?.toFixed(0) ?? 'not yet'}, first idle callback at ${w.__firstIdleAt?.toFixed(0) ?? 'not yet'}; plain answers mounted ${box.querySelectorAll('.plain').length}`;
    box.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const jump = performance.now() - jumpAt;
    const mountedAtJump = added;
    added = 0;
    handlers = 0;
    const frames = await new Promise<Frame[]>((resolve) => {
      const rows: Frame[] = [];
      let last = performance.now();
      const step = (t: number) => {
        rows.push({ gap: t - last, rows: added, handlers, measures: {}, at: t });
        added = 0;
        handlers = 0;
        last = t;
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1 || rows.length >= maxFrames) return resolve(rows);
        box.scrollTop += box.clientHeight;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A scratch build's performance.measure entries (none in a real build), each in the gap it started in.
    for (const m of performance.getEntriesByType('measure')) {
      const f = frames.find((x) => m.startTime < x.at && m.startTime >= x.at - x.gap);
      if (!f) continue;
      const [ms, n] = f.measures[m.name] ?? [0, 0];
      f.measures[m.name] = [ms + m.duration, n + 1];
    }
    observer.disconnect();
    mutations.disconnect();
    document.removeEventListener('scroll', onScrollStart, { capture: true });
    box.removeEventListener('scroll', onScrollEnd);
    return { jump, frames, mountedAtJump, loafs, before };
  }, maxFrames);
}

/** The first scroll's longest frame gaps in the trace, and what the panel's main thread and the rest did in each. */
function summariseTrace(events: TraceEvent[]): void {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const jump = events.find((e) => e.name === 'TimeStamp' && JSON.stringify(e.args ?? {}).includes('first-scroll-jump'));
  if (!jump) return console.log('  trace: no jump mark');
  const main = key(jump);
  const names = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') names.set(key(e), String(e.args?.name));
  const onMain = events.filter((e) => key(e) === main && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts);
  const frames = onMain.filter((e) => e.name === 'FireAnimationFrame' && e.ts >= jump.ts).map((e) => e.ts);
  const gaps = frames.slice(1).map((t, i) => ({ from: frames[i]!, to: t, i })).sort((a, b) => b.to - b.from - (a.to - a.from));
  const kinds: [string, RegExp][] = [
    ['rAF', /^FireAnimationFrame$/],
    ['idle callback', /^FireIdleCallback$/],
    ['events', /^EventDispatch$/],
    ['other script', /^(FunctionCall|TimerFire|V8.Execute)$/],
    ['module eval/compile', /^(v8.evaluateModule|EvaluateScript|v8.compileModule|v8.compile|CompileScript|v8.produceModuleCache)$/],
    ['style', /^UpdateLayoutTree$/],
    ['layout', /^Layout$/],
    ['paint', /^(PrePaint|Paint|Layerize|Commit)$/],
    ['V8 GC', /^(MajorGC|MinorGC|V8.GCFinalizeMC|V8.GCScavenger)$/],
    ['Blink GC', /^(BlinkGC.AtomicPhase|BlinkGC.CompleteSweep|CppGC.AtomicMark|CppGC.AtomicSweep)$/],
    ['HTML parse', /^ParseHTML$/],
  ];
  const tops = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  for (const { from, to, i } of gaps.slice(0, 4)) {
    const inGap = onMain.filter((e) => e.ts >= from && e.ts < to);
    const parts = kinds.map(([n, re]) => [n, inGap.filter((e) => re.test(e.name)).reduce((a, e) => a + e.dur! / 1000, 0)] as const).filter(([, ms]) => ms >= 0.5);
    const busy = new Map<string, number>();
    for (const e of tops) {
      const ms = (Math.min(e.ts + e.dur!, to) - Math.max(e.ts, from)) / 1000;
      if (ms > 0) busy.set(key(e), (busy.get(key(e)) ?? 0) + ms);
    }
    const fns = inGap.filter((e) => e.name === 'FunctionCall' && e.dur! > 2000).map((e) => `${String(e.args?.data?.functionName ?? '?')} ${(e.dur! / 1000).toFixed(0)}`);
    console.log(`   trace gap #${i + 1} ${((to - from) / 1000).toFixed(1)} ms at +${((from - jump.ts) / 1000).toFixed(0)}: main ${parts.map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ')}${fns.length ? `; calls ${fns.join(', ')}` : ''}`);
    console.log(`     busy: ${[...busy].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, ms]) => `${k === main ? 'MAIN' : names.get(k) ?? k} ${ms.toFixed(1)}`).join(', ')}`);
  }
}

async function main() {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-first-scroll-'));
  const dir = env.PROBE_EXT ?? EXTENSION_DIR;
  const reps = Number(env.PROBE_REPS ?? 8);
  const show = Number(env.PROBE_SHOW ?? 12);
  console.log(`first-scroll probe ${dir} [load ${load()}]`);
  const ext = await launchExtension(profile, dir);
  // tsx names the functions it compiles with __name, which the page does not have.
  await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  // When the first answer's Markdown (the lazily loaded chunk) reaches the page, and when the
  // first idle callback is asked for: the fill cannot start before either.
  await ext.context.addInitScript({
    content: `(() => {
      const ric = globalThis.requestIdleCallback;
      if (ric) globalThis.requestIdleCallback = (...a) => { globalThis.__firstIdleAt ??= performance.now(); return ric(...a); };
      const watch = () => new MutationObserver((_, o) => { if (document.querySelector('.markdown')) { globalThis.__markdownAt = performance.now(); o.disconnect(); } }).observe(document, { subtree: true, childList: true });
      watch();
    })();`,
  });
  const longest: number[] = [];
  try {
    await writeBenchModelSettings(ext, 'http://127.0.0.1:9/v1');
    const seeder = await ext.openSidePanel();
    await seeder.locator('#message').waitFor();
    await seedConversation(seeder, thousandMessages());
    await settleWorker(ext, seeder);
    await seeder.close();
    for (let rep = 0; rep < reps; rep++) {
      const tracing = env.PROBE_TRACE && rep < Number(env.PROBE_TRACE_REPS ?? 1) ? await ext.context.browser()!.newBrowserCDPSession() : undefined;
      await tracing?.send('Tracing.start', {
        transferMode: 'ReturnAsStream',
        traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.gc', 'v8', 'blink.user_timing'] },
      });
      const panel = await ext.openSidePanel();
      const opened = performance.now();
      await panel.getByRole('log').getByRole('article').filter({ hasText: 'Answer 499.' }).waitFor({ timeout: 60_000 });
      const shownMs = performance.now() - opened;
      // A reader who looks at the end a while before pressing Home (the bench waits none).
      if (env.PROBE_IDLE_MS) await new Promise((resolve) => setTimeout(resolve, Number(env.PROBE_IDLE_MS)));
      const { jump, frames, mountedAtJump, loafs, before } = await firstScroll(panel, Number(env.PROBE_FRAMES ?? Infinity));
      if (tracing) {
        const text = await endTraceText(tracing);
        await tracing.detach();
        await fs.writeFile(rep ? `${env.PROBE_TRACE!}.${rep}` : env.PROBE_TRACE!, text);
        summariseTrace(traceEvents(text));
      }
      await panel.close();
      const worst = frames.map((f, i) => ({ ...f, i })).sort((a, b) => b.gap - a.gap);
      longest.push(worst[0]!.gap);
      console.log(
        `#${rep + 1}: longest ${worst[0]!.gap.toFixed(1)} ms [load ${load()}]; shown after ${shownMs.toFixed(0)} ms; jump ${jump.toFixed(0)} ms (${mountedAtJump} rows); ${frames.length} frames, > 17 ms: ${frames.filter((f) => f.gap > 17).length}, > 34: ${frames.filter((f) => f.gap > 34).length}`,
      );
      const measured = (f: Frame) => Object.entries(f.measures).map(([n, [ms, c]]) => `${n} ${ms.toFixed(1)}×${c}`).join(' ');
      console.log(`   worst: ${worst.slice(0, 4).map((f) => `#${f.i} ${f.gap.toFixed(1)} ms (${f.rows} rows, handlers ${f.handlers.toFixed(1)}${measured(f) ? `; ${measured(f)}` : ''})`).join('; ')}`);
      console.log(`   ${before}`);
      for (const l of loafs.slice(0, 6)) console.log(`   LoAF ${l}`);
      console.log(`   first frames: ${frames.slice(0, show).map((f) => `${f.gap.toFixed(0)}/${f.rows}r/${f.handlers.toFixed(0)}`).join(' ')}`);
    }
  } finally {
    await ext.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
  const sorted = [...longest].sort((a, b) => a - b);
  console.log(`longest gap of the first scroll, ${reps} opens: p50 ${sorted[Math.floor((sorted.length - 1) / 2)]!.toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)}; all: ${longest.map((v) => v.toFixed(1)).join(', ')} [load ${load()}]`);
}

await main();
