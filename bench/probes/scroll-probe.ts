/**
 * The long conversation's scroll, explained (issue 13 target 2, bench/NOTES.md session 7: why its
 * longest frame went from 33 to 50 ms): the bench's seeding, cold opens and scroll, with each
 * frame's gap, rows mounted and scroll handlers' time, the Long Animation Frames, and CDP traces.
 *
 *   [PROBE_EXT=dir] [PROBE_TRACE_ALL=file] npx tsx bench/probes/scroll-probe.ts
 *
 * Outside `npm run bench`: tracing slows what it watches, so it explains figures, never makes them. Env:
 *   PROBE_EXT      the build to load (default .output/chrome-mv3)
 *   PROBE_PROFILE  a profile directory to use and keep (default: a fresh one, removed)
 *   PROBE_SEED     0: do not seed (the profile has the conversation already); default 1
 *   PROBE_SETTLE   0: keep the worker that imported (as the bench did before session 7); default: a fresh one
 *   PROBE_OPENS    cold opens before the scroll, as the bench does (default 3)
 *   PROBE_WAIT_MS  idle wait before the scrolls (default 0)
 *   PROBE_IDLE_MS  idle wait after the panel shows the conversation, before the scrolls (default 0;
 *                  the bench waits none): time for the idle fill (components/chat/idle-fill.ts)
 *   PROBE_SCROLLS  scrolls top to bottom (default 4)
 *   PROBE_FRAMES   stop each scroll after this many frames (default: at the bottom)
 *   PROBE_TRACE_ALL a file: a light trace from before the seeding to the last scroll: for each scroll,
 *                  its longest frames and what the extension's service worker did meanwhile
 *   PROBE_TRACE    a file: a CDP trace of one more scroll is written there and summarised, each
 *                  frame over 17 ms by the page's clock with what filled it (pageGaps)
 *   PROBE_TRACE_REPS that many more scrolls traced so (default 1; the second and later to <file>.<n>)
 *   PROBE_TRACE_CATS the trace's categories, comma-separated (lighter ones drop fewer frames of their own)
 *   PROBE_CPU      1: a CPU profile of one more scroll (CDP Profiler, 100 µs samples), its main-thread
 *                  time split into markdown parse, sanitise, highlight, React, the virtualizer... per
 *                  frame (read it on an unminified build: `build: { minify: false }` keeps the names)
 */
import '../lib/node-extension-shim';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { EXTENSION_DIR, launchExtension, type ExtensionSession } from '../../test/e2e/harness/launch';
import { coldOpen } from '../browser-benches';
import { seedConversation, settleWorker, thousandMessages } from '../long-conversation-benches';
import { writeBenchModelSettings } from '../lib/write-settings';
import { endTraceText, traceEvents, type TraceEvent } from '../lib/cdp-trace';


const env = process.env;
const load = () => os.loadavg()[0]!.toFixed(1);

interface FrameRow {
  gap: number;
  rows: number;
  articles: number;
  /** ms in the scroll event's handlers since the last frame. */
  handlers: number;
  /** The frame's rAF timestamp, ms after the scroll's start mark (console.timeStamp 'probe-scroll-start'). */
  at: number;
}
interface LoafRow {
  start: number;
  duration: number;
  blocking: number;
  render: number;
  styleLayout: number;
  scripts: { invoker: string; fn: string; src: string; duration: number; forced: number }[];
}

/** One scroll as the bench does it, with each frame's gap and rows mounted, and the LoAF entries meanwhile. */
function probeScroll(panel: Page, maxFrames = Number(env.PROBE_FRAMES ?? Infinity)): Promise<{ frames: FrameRow[]; loafs: LoafRow[]; ms: number }> {
  return panel.evaluate(async (maxFrames) => {
    const log = document.querySelector<HTMLElement>('[role="log"]')!;
    let scroller: HTMLElement | null = log;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
    const box = scroller!;
    box.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    let added = 0;
    const mutations = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLElement && n.classList.contains('log-window-row')) added++;
    });
    mutations.observe(box, { subtree: true, childList: true });
    // The scroll event's handlers (the virtualizer's, which renders the new rows with flushSync): from
    // a capturing listener on the document, which runs first, to one on the log added last.
    let handlerStart = 0;
    let handlers = 0;
    const onScrollStart = () => (handlerStart = performance.now());
    const onScrollEnd = () => (handlers += performance.now() - handlerStart);
    document.addEventListener('scroll', onScrollStart, { capture: true });
    box.addEventListener('scroll', onScrollEnd);
    const loafs: LoafRow[] = [];
    type Loaf = {
      startTime: number;
      duration: number;
      blockingDuration: number;
      renderStart: number;
      styleAndLayoutStart: number;
      scripts: { invoker: string; sourceFunctionName: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number }[];
    };
    const take = (entries: PerformanceEntryList) => {
      for (const e of entries as unknown as Loaf[])
        loafs.push({
          start: e.startTime,
          duration: e.duration,
          blocking: e.blockingDuration,
          render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
          styleLayout: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
          scripts: e.scripts.map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, src: s.sourceURL.split('/').pop()!, duration: s.duration, forced: s.forcedStyleAndLayoutDuration })),
        });
    };
    const observer = new PerformanceObserver((list) => take(list.getEntries()));
    observer.observe({ type: 'long-animation-frame' });
    console.timeStamp('probe-scroll-start');
    const t0 = performance.now();
    const frames = await new Promise<FrameRow[]>((resolve) => {
      const rows: FrameRow[] = [];
      let last = performance.now();
      const step = (t: number) => {
        rows.push({ gap: t - last, rows: added, articles: box.querySelectorAll('article').length, handlers, at: t - t0 });
        added = 0;
        handlers = 0;
        last = t;
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1 || rows.length >= maxFrames) return resolve(rows);
        box.scrollTop += box.clientHeight;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    const ms = performance.now() - t0;
    console.timeStamp('probe-scroll-end');
    await new Promise((resolve) => setTimeout(resolve, 300));
    take(observer.takeRecords());
    observer.disconnect();
    mutations.disconnect();
    document.removeEventListener('scroll', onScrollStart, { capture: true });
    box.removeEventListener('scroll', onScrollEnd);
    return { frames, loafs: loafs.filter((l) => l.start >= t0 - 1), ms };
  }, maxFrames);
}

/** The frames a 60 Hz display missed (a frame is 16.7 ms): each over 17 ms, with its place in the scroll. */
function droppedFrames(frames: FrameRow[]): (FrameRow & { i: number })[] {
  return frames.map((f, i) => ({ ...f, i })).filter((f) => f.gap > 17);
}

function summariseScroll(label: string, { frames, loafs, ms }: Awaited<ReturnType<typeof probeScroll>>): void {
  const gaps = frames.map((f) => f.gap);
  const longest = Math.max(...gaps);
  const over = (limit: number) => gaps.filter((g) => g > limit).length;
  const rows = frames.map((f) => f.rows);
  console.log(
    `${label}: ${frames.length} frames in ${ms.toFixed(0)} ms, longest gap ${longest.toFixed(1)} ms, gaps > 17: ${over(17)}, > 34: ${over(34)}, > 51: ${over(51)}; rows mounted per frame: max ${Math.max(...rows)}, mean ${(rows.reduce((a, b) => a + b, 0) / frames.length).toFixed(2)}; LoAF ≥ 50 ms: ${loafs.length} [load ${load()}]`,
  );
  // Every dropped frame (a 60 Hz frame is 16.7 ms), in order: which frame of the scroll, what it mounted.
  const dropped = droppedFrames(frames);
  if (dropped.length) console.log(`  gaps > 17 ms: ${dropped.map((f) => `#${f.i} ${f.gap.toFixed(1)} ms at +${f.at.toFixed(0)} (${f.rows} rows, ${f.articles} articles, handlers ${f.handlers.toFixed(1)})`).join('; ')}`);
  const byGap = frames.map((f, i) => ({ ...f, i })).sort((a, b) => b.gap - a.gap).slice(0, 5);
  console.log(`  longest gaps: ${byGap.map((f) => `#${f.i} ${f.gap.toFixed(1)} ms (${f.rows} rows, ${f.articles} articles, scroll handlers ${f.handlers.toFixed(1)} ms)`).join('; ')}`);
  const handlers = frames.map((f) => f.handlers).sort((a, b) => a - b);
  const at = (p: number) => handlers[Math.min(handlers.length - 1, Math.ceil((p / 100) * handlers.length) - 1)]!.toFixed(1);
  console.log(`  scroll handlers per frame: p50 ${at(50)}, p90 ${at(90)}, p99 ${at(99)}, max ${at(100)} ms; by rows mounted: ${[0, 1, 2, 3, 4]
    .map((n) => {
      const of = frames.filter((f) => f.rows === n);
      return of.length ? `${n}: ${(of.reduce((a, f) => a + f.handlers, 0) / of.length).toFixed(1)} ms mean, gap ${(of.reduce((a, f) => a + f.gap, 0) / of.length).toFixed(1)}` : '';
    })
    .filter(Boolean)
    .join('; ')}`);
  const hist = new Map<number, number>();
  for (const f of frames) hist.set(f.rows, (hist.get(f.rows) ?? 0) + 1);
  console.log(`  frames by rows mounted: ${[...hist].sort((a, b) => a[0] - b[0]).map(([r, n]) => `${r}:${n}`).join(' ')}`);
  for (const l of loafs.sort((a, b) => b.duration - a.duration).slice(0, 4)) {
    const scripts = l.scripts.sort((a, b) => b.duration - a.duration).slice(0, 4).map((s) => `${s.invoker} ${s.fn}@${s.src} ${s.duration.toFixed(0)}ms${s.forced ? ` (forced layout ${s.forced.toFixed(0)})` : ''}`);
    console.log(`  LoAF ${l.duration.toFixed(0)} ms (render ${l.render.toFixed(0)}, style+layout ${l.styleLayout.toFixed(0)}, blocking ${l.blocking.toFixed(0)}): ${scripts.join(' | ')}`);
  }
}

/** Ends a trace started with `transferMode: 'ReturnAsStream'`, reads its stream whole and detaches. */
async function endTrace(cdp: CDPSession): Promise<string> {
  const text = await endTraceText(cdp);
  await cdp.detach();
  return text;
}

/**
 * A CDP trace of one scroll: written to `file`, then summarised per long frame of the panel's main
 * thread, by the trace's animation frames and by the page's own frame times (pageGaps).
 *
 * From a browser session, so that every process is in it (a frame the panel did nothing to drop
 * is another process's), with the categories first-scroll-probe.ts uses plus Oilpan's (cppgc), and
 * without cc/viz/gpu, whose events for a whole scroll (~1,500 frames) the summary does not read.
 */
async function tracedScroll(ext: ExtensionSession, panel: Page, file: string): Promise<void> {
  const cdp = await ext.context.browser()!.newBrowserCDPSession();
  const categories = env.PROBE_TRACE_CATS?.split(',') ?? [
    'toplevel',
    'devtools.timeline',
    'disabled-by-default-devtools.timeline',
    'v8',
    'disabled-by-default-v8.gc',
    'cppgc',
    'disabled-by-default-cppgc',
    'blink.user_timing',
  ];
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } });
  const result = await probeScroll(panel);
  const text = await endTrace(cdp);
  await fs.writeFile(file, text);
  summariseScroll('traced scroll', result);
  const events = traceEvents(text);
  summariseTrace(events);
  pageGaps(events, result.frames);
}

/**
 * A trace's threads and top-level tasks, read once for the summaries below: each thread's key
 * (pid:tid) and label (process/thread names), the complete events, and the busy time per thread in
 * a window (the union of its top-level tasks: nested ones are inside their parent's).
 */
function traceThreads(events: TraceEvent[]) {
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, String(e.args?.name));
    if (e.ph === 'M' && e.name === 'process_name') processNames.set(e.pid, String(e.args?.name));
    if (e.ph === 'M' && e.name === 'process_labels') processNames.set(e.pid, `${processNames.get(e.pid) ?? ''} ${String((e.args as { labels?: string }).labels)}`);
  }
  const threadKey = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const threadLabel = (key: string) => `${processNames.get(Number(key.split(':')[0]))?.trim() ?? key}/${threadNames.get(key) ?? key}`;
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  const tops = complete.filter((e) => e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask').sort((a, b) => a.ts - b.ts);
  /** ms each thread was busy between `from` and `to` (trace µs), by thread key, busiest first. */
  const busyIn = (from: number, to: number) => {
    const busy = new Map<string, { end: number; ms: number }>();
    for (const e of tops) {
      if (e.ts + e.dur! <= from || e.ts >= to) continue;
      const b = busy.get(threadKey(e)) ?? { end: 0, ms: 0 };
      const s0 = Math.max(e.ts, from, b.end);
      const e1 = Math.min(e.ts + e.dur!, to);
      if (e1 > s0) b.ms += (e1 - s0) / 1000;
      b.end = Math.max(b.end, e.ts + e.dur!);
      busy.set(threadKey(e), b);
    }
    return [...busy].map(([k, v]) => [k, v.ms] as const).sort((a, b) => b[1] - a[1]);
  };
  return { threadNames, threadKey, threadLabel, complete, tops, busyIn };
}

/**
 * Each frame over 17 ms by the page's clock (its rAF timestamps: under tracing the trace's own
 * FireAnimationFrame gaps and the page's disagree, bench/NOTES.md session 13 scroll9), placed in
 * the trace by the scroll's start mark, with what filled it: on the panel's main thread script,
 * style, layout, paint, V8 GC and Oilpan (cppgc) GC, its longest tasks; and the other threads busy.
 */
function pageGaps(events: TraceEvent[], frames: FrameRow[]): void {
  const { threadKey: key, threadLabel, complete, tops, busyIn } = traceThreads(events);
  const mark = events.find((e) => e.name === 'TimeStamp' && JSON.stringify(e.args ?? {}).includes('probe-scroll-start'));
  if (!mark) return console.log('  page gaps: no start mark in the trace');
  const main = key(mark);
  const label = (k: string) => (k === main ? 'MAIN' : threadLabel(k));
  const onMain = complete.filter((e) => key(e) === main);
  // The scheduler's tasks by one name only: a task traced under both names would count twice.
  const runTasks = tops.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const kinds: [string, RegExp][] = [
    ['rAF', /^FireAnimationFrame$/],
    ['idle callback', /^FireIdleCallback$/],
    ['events', /^EventDispatch$/],
    ['other script', /^(FunctionCall|TimerFire|V8.Execute)$/],
    ['style', /^UpdateLayoutTree$/],
    ['layout', /^Layout$/],
    ['paint', /^(PrePaint|Paint|Layerize|Commit)$/],
    ['V8 GC', /^(MajorGC|MinorGC)$/],
    ['Oilpan GC', /^(BlinkGC\.|CppGC\.)/],
    ['HTML parse', /^ParseHTML$/],
  ];
  const gcs = /^(MajorGC|MinorGC|V8\.GC_MC_BACKGROUND_MARKING|V8\.GC_MARK_COMPACTOR|V8\.GC_SCAVENGER|V8\.GCFinalizeMC|V8\.GCScavenger|V8\.GCIncrementalMarking|V8\.GCFinalizeMCReduceMemory|BlinkGC\..*|CppGC\..*)$/;
  const dropped = droppedFrames(frames);
  console.log(`  page gaps > 17 ms in the traced scroll: ${dropped.length} of ${frames.length} frames`);
  for (const f of dropped.slice(0, 8)) {
    const from = mark.ts + (f.at - f.gap) * 1000;
    const to = mark.ts + f.at * 1000;
    const inGap = onMain.filter((e) => e.ts < to && e.ts + e.dur! > from);
    const clip = (e: TraceEvent) => (Math.min(e.ts + e.dur!, to) - Math.max(e.ts, from)) / 1000;
    const parts = kinds.map(([n, re]) => [n, inGap.filter((e) => re.test(e.name)).reduce((a, e) => a + clip(e), 0)] as const).filter(([, ms]) => ms >= 0.3);
    const gc = inGap.filter((e) => gcs.test(e.name) && e.dur! >= 300).map((e) => `${e.name} ${(e.dur! / 1000).toFixed(1)}`);
    const longTasks = runTasks
      .filter((e) => key(e) === main && e.ts < to && e.ts + e.dur! > from && e.dur! >= 2000)
      .map((t) => {
        const inner = onMain.filter((e) => e !== t && e.ts >= t.ts && e.ts < t.ts + t.dur! && e.dur! >= 1000 && e.name !== 'ThreadControllerImpl::RunTask');
        const top = inner.sort((a, b) => b.dur! - a.dur!).slice(0, 3).map((e) => `${e.name}${e.args?.data?.functionName ? `(${String(e.args.data.functionName)})` : ''} ${(e.dur! / 1000).toFixed(1)}`);
        return `${(t.dur! / 1000).toFixed(1)} ms [${top.join(', ')}]`;
      });
    const mainCpu = runTasks.filter((e) => key(e) === main && e.ts >= from && e.ts < to).reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0);
    console.log(`   #${f.i} ${f.gap.toFixed(1)} ms at +${f.at.toFixed(0)} (${f.rows} rows, handlers ${f.handlers.toFixed(1)}): main ${parts.map(([n, ms]) => `${n} ${ms.toFixed(1)}`).join(', ') || 'nothing'} (CPU ${mainCpu.toFixed(1)}); GC ${gc.join(', ') || 'none ≥ 0.3 ms'}`);
    if (longTasks.length) console.log(`     main's tasks ≥ 2 ms: ${longTasks.join('; ')}`);
    console.log(`     busy: ${busyIn(from, to).slice(0, 6).map(([k, ms]) => `${label(k)} ${ms.toFixed(1)}`).join(', ')}`);
  }
}

function summariseTrace(events: TraceEvent[]): void {
  const { threadNames, threadKey, threadLabel, complete, tops, busyIn } = traceThreads(events);
  // The panel's main thread: the renderer main thread with the most animation frames fired.
  const rafs = new Map<string, TraceEvent[]>();
  for (const e of events)
    if (e.name === 'FireAnimationFrame' && e.ph === 'X') rafs.set(threadKey(e), [...(rafs.get(threadKey(e)) ?? []), e]);
  const [main, frames] = [...rafs].sort((a, b) => b[1].length - a[1].length)[0]!;
  frames.sort((a, b) => a.ts - b.ts);
  console.log(`  trace: panel main thread ${main} (${threadNames.get(main)}, ${frames.length} animation frames)`);
  // Long gaps between animation frames, and what ran in them on each thread (complete events' self-less sums by name).
  const gaps = frames.slice(1).map((f, i) => ({ from: frames[i]!.ts, to: f.ts, gap: (f.ts - frames[i]!.ts) / 1000 }));
  const within = (e: TraceEvent, from: number, to: number) => e.ts >= from && e.ts < to;
  const kinds: [string, RegExp][] = [
    ['script (FunctionCall+EventDispatch+rAF)', /^(FunctionCall|EventDispatch|FireAnimationFrame)$/],
    ['  of which HTML parsing (DOMPurify/innerHTML)', /^(HTMLDocumentParser::AttemptToEnd|ParseHTML|HTMLDocumentParser::PumpTokenizer)$/],
    ['style', /^UpdateLayoutTree$/],
    ['layout', /^Layout$/],
    ['prepaint+paint', /^(PrePaint|Paint)$/],
    ['commit', /^(Commit|Layerize)$/],
    ['GC', /^(MinorGC|MajorGC|BlinkGC\.AtomicPhase)$/],
  ];
  const kindsIn = (from: number, to: number) => {
    const mainEvents = complete.filter((e) => threadKey(e) === main && within(e, from, to));
    return kinds.map(([name, re]) => `${name} ${mainEvents.filter((e) => re.test(e.name)).reduce((a, e) => a + e.dur! / 1000, 0).toFixed(1)}`).join(', ');
  };
  const ranked = [...gaps].sort((a, b) => b.gap - a.gap).slice(0, 4);
  for (const { from, to, gap } of ranked) {
    console.log(`  gap ${gap.toFixed(1)} ms: panel main: ${kindsIn(from, to)}`);
    console.log(`    busy by thread: ${busyIn(from, to).slice(0, 6).map(([k, d]) => `${threadLabel(k)} ${d.toFixed(1)}`).join(', ')}`);
  }
  // Over the whole scroll: the panel's work per frame, and what the other processes did.
  const first = frames[0]!.ts;
  const last = frames.at(-1)!.ts;
  // Thread time (CPU, not wall: what load does not inflate) of the panel's top-level tasks.
  const cpu = (key: string) => tops.filter((e) => threadKey(e) === key && e.name === 'ThreadControllerImpl::RunTask' && within(e, first, last)).reduce((a, e) => a + (e.tdur ?? 0) / 1000, 0);
  const compositor = [...threadNames].find(([k, n]) => k.startsWith(`${main.split(':')[0]}:`) && n === 'Compositor')?.[0];
  console.log(`  whole scroll (${((last - first) / 1000).toFixed(0)} ms, ${frames.length} frames): panel main CPU ${cpu(main).toFixed(0)} ms (${(cpu(main) / frames.length).toFixed(1)} per frame), its compositor CPU ${compositor ? cpu(compositor).toFixed(0) : '?'} ms; wall: ${kindsIn(first, last)}`);
  console.log(`    busy by thread: ${busyIn(first, last).slice(0, 10).map(([k, d]) => `${threadLabel(k)} ${d.toFixed(0)}`).join(', ')}`);
  const named = new Map<string, { n: number; ms: number }>();
  for (const e of complete.filter((e) => within(e, first, last) && /IndexedDB|LevelDB|leveldb|Compact/i.test(`${e.name} ${e.cat}`))) {
    const v = named.get(e.name) ?? { n: 0, ms: 0 };
    named.set(e.name, { n: v.n + 1, ms: v.ms + e.dur! / 1000 });
  }
  console.log(`  IndexedDB/LevelDB events meanwhile: ${[...named].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12).map(([n, v]) => `${n} ×${v.n} ${v.ms.toFixed(1)} ms`).join(', ') || 'none'}`);
}

/** Tracing from a browser session (it outlives the pages): returns the function that ends it and summarises each scroll. */
async function startWholeTrace(ext: ExtensionSession): Promise<(file: string) => Promise<void>> {
  const cdp = await ext.context.browser()!.newBrowserCDPSession();
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-v8.gc', 'v8'] },
  });
  return async (file) => {
    const text = await endTrace(cdp);
    await fs.writeFile(file, text);
    console.log(`whole trace written to ${file}`);
    summariseWholeTrace(traceEvents(text));
  };
}

/**
 * For each scroll (between the probe's console.timeStamp marks): its longest frames, and what the
 * extension's service worker, in the panel's renderer process, did meanwhile (busy time, major GCs).
 */
function summariseWholeTrace(events: TraceEvent[]): void {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const stamps = events.filter((e) => e.name === 'TimeStamp' && JSON.stringify(e.args ?? {}).includes('probe-scroll')).sort((a, b) => a.ts - b.ts);
  if (!stamps.length) return console.log('  no scroll in the trace');
  const main = key(stamps[0]!);
  const workers = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && String(e.args?.name).startsWith('ServiceWorker') && e.pid === stamps[0]!.pid).map(key);
  const tops = events.filter((e) => e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask');
  const busy = (keys: string[], from: number, to: number) =>
    tops.filter((e) => keys.includes(key(e))).reduce((a, e) => a + Math.max(0, Math.min(e.ts + e.dur!, to) - Math.max(e.ts, from)), 0) / 1000;
  const gcs = (from: number, to: number) =>
    events
      .filter((e) => e.ph === 'X' && e.name === 'MajorGC' && workers.includes(key(e)) && e.ts >= from && e.ts < to)
      .map((e) => `${(e.dur! / 1000).toFixed(0)} ms at +${((e.ts - from) / 1000).toFixed(0)}`);
  const starts = stamps.filter((e) => JSON.stringify(e.args).includes('start'));
  const ends = stamps.filter((e) => JSON.stringify(e.args).includes('end'));
  starts.forEach((start, i) => {
    const end = ends[i];
    if (!end) return;
    const rafs = events.filter((e) => e.ph === 'X' && e.name === 'FireAnimationFrame' && key(e) === main && e.ts >= start.ts && e.ts <= end.ts).map((e) => e.ts).sort((a, b) => a - b);
    const gaps = rafs.slice(1).map((t, j) => ({ from: rafs[j]!, to: t })).sort((a, b) => b.to - b.from - (a.to - a.from));
    console.log(`  scroll ${i + 1} (traced): ${rafs.length} frames; the worker busy ${busy(workers, start.ts, end.ts).toFixed(0)} ms, its major GCs: ${gcs(start.ts, end.ts).join(', ') || 'none'}`);
    for (const { from, to } of gaps.slice(0, 3))
      console.log(`    gap ${((to - from) / 1000).toFixed(1)} ms: the panel's main thread busy ${busy([main], from, to).toFixed(1)}, the worker ${busy(workers, from, to).toFixed(1)} ms`);
  });
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

/**
 * Where a scroll's main-thread samples went, by the first part of its stack that names one
 * (inclusive: a sample in DOMPurify's parse under renderMarkdownFragment counts as sanitise). The
 * order matters: the innermost named part wins, so "sanitise" is not counted again as "markdown".
 */
const PARTS: [string, RegExp][] = [
  ['highlight (highlight.js)', /^(highlightCode|highlightCodeBody|highlight|_highlight|processBuffer|processLexeme|doBeginMatch|doEndMatch|emitKeyword|processKeywords|compileLanguage)$/],
  ['sanitise (DOMPurify)', /^(sanitizeAnswer|purifyAnswerHtml|sanitizeCodeHtml|sanitize|_sanitizeElements|_sanitizeAttributes|_initDocument|_isClobbered|_createNodeIterator|prefilter.*)$/],
  ['markdown (marked lex+parse)', /^(lexer|lex|blockTokens|inlineTokens|parse|parseInline|walkTokens)$/],
  ['copy buttons', /^withCopyButtons$/],
  ['block split', /^(split|splitBlocks|fencedCodeBlock)$/],
  ['virtualizer measure', /^(measureElement|_measureElement|resizeItem|getMeasurements|calculateRange|getVirtualItems)$/],
];

/** A CPU profile of one more scroll, summarised by PARTS and by self time. */
async function profiledScroll(ext: ExtensionSession, panel: Page): Promise<void> {
  const cdp = await ext.context.newCDPSession(panel);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await probeScroll(panel);
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
  await cdp.detach();
  summariseScroll('profiled scroll', result);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const parts = new Map<string, number>();
  const self = new Map<string, number>();
  let total = 0;
  let react = 0;
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    const name = leaf.callFrame.functionName || '(anonymous)';
    const file = leaf.callFrame.url.split('/').pop() ?? '';
    self.set(`${name}@${file}`, (self.get(`${name}@${file}`) ?? 0) + ms);
    if (name === '(idle)') return;
    total += ms;
    let part: string | undefined;
    let inReact = false;
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const frame = byId.get(n)!.callFrame;
      part ??= PARTS.find(([, re]) => re.test(frame.functionName))?.[0];
      if (/^(commitRoot|commitRootImpl|performWorkOnRoot|performSyncWorkOnRoot|flushSyncWorkAcrossRoots_impl|flushSync)$/.test(frame.functionName)) inReact = true;
    }
    if (inReact) react += ms;
    part ??= name.startsWith('(') ? name : 'other script';
    parts.set(part, (parts.get(part) ?? 0) + ms);
  });
  const frames = result.frames.length;
  console.log(`  CPU profile: ${total.toFixed(0)} ms busy in ${frames} frames (${(total / frames).toFixed(1)} per frame); inside React's render/commit ${react.toFixed(0)} ms`);
  console.log(`    by part: ${[...parts].sort((a, b) => b[1] - a[1]).map(([n, ms]) => `${n} ${ms.toFixed(0)} (${(ms / frames).toFixed(2)}/frame)`).join(', ')}`);
  console.log(`    by self time: ${[...self].filter(([n]) => !n.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ')}`);
}

/** The panel's heap after a GC: V8's, and Blink's (the DOM nodes, including any kept off the page). */
async function heapOf(ext: ExtensionSession, panel: Page): Promise<string> {
  const cdp = await ext.context.newCDPSession(panel);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; embedderHeapUsedSize?: number };
  await cdp.detach();
  return `V8 ${(usage.usedSize / 1e6).toFixed(1)} MB, embedder (Blink) ${((usage.embedderHeapUsedSize ?? Number.NaN) / 1e6).toFixed(1)} MB`;
}

/** What the import stored: how many messages, their total content, and the stores' record counts. */
function storedSummary(panel: Page) {
  return panel.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('omni-ai');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const tx = db.transaction([...db.objectStoreNames]);
    const get = <T,>(r: IDBRequest<T>) => new Promise<T>((resolve) => (r.onsuccess = () => resolve(r.result)));
    const counts: Record<string, number> = {};
    for (const name of db.objectStoreNames) counts[name] = await get(tx.objectStore(name).count());
    const messages = (await get(tx.objectStore('messages').getAll())) as { conversationId: string; content: string }[];
    const long = messages.filter((m) => m.conversationId === 'bench-long-1000');
    const conversation = (await get(tx.objectStore('conversations').get('bench-long-1000'))) as Record<string, unknown> | undefined;
    db.close();
    return {
      version: db.version,
      counts,
      messages: long.length,
      chars: long.reduce((a, m) => a + m.content.length, 0),
      json: long.reduce((a, m) => a + JSON.stringify(m).length, 0),
      conversation: conversation && Object.keys(conversation).sort().join(','),
    };
  });
}

async function main() {
  const kept = env.PROBE_PROFILE;
  const profile = kept ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-probe-')));
  const dir = env.PROBE_EXT ?? EXTENSION_DIR;
  console.log(`probe ${dir} on ${profile} [load ${load()}]`);
  const ext = await launchExtension(profile, dir);
  await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const whole = env.PROBE_TRACE_ALL ? await startWholeTrace(ext) : undefined;
  try {
    await writeBenchModelSettings(ext, 'http://127.0.0.1:9/v1');
    if (env.PROBE_SEED !== '0') {
      const seeder = await ext.openSidePanel();
      await seeder.locator('#message').waitFor();
      const start = performance.now();
      await seedConversation(seeder, thousandMessages());
      console.log(`seeded in ${(performance.now() - start).toFixed(0)} ms`);
      if (env.PROBE_SETTLE !== '0') await settleWorker(ext, seeder);
      await seeder.close();
    }
    const opens = Number(env.PROBE_OPENS ?? 3);
    if (opens) for (const f of await coldOpen(ext, opens, 'probe')) console.log(`${f.name}: ${f.values.map((v) => v.toFixed(0)).join(', ')} ms`);
    if (env.PROBE_WAIT_MS) await new Promise((resolve) => setTimeout(resolve, Number(env.PROBE_WAIT_MS)));
    const panel = await ext.openSidePanel();
    await panel.getByRole('log').getByRole('article').filter({ hasText: 'Answer 499.' }).waitFor();
    console.log(`stored: ${JSON.stringify(await storedSummary(panel))}`);
    if (env.PROBE_IDLE_MS) await new Promise((resolve) => setTimeout(resolve, Number(env.PROBE_IDLE_MS)));
    for (let i = 0; i < Number(env.PROBE_SCROLLS ?? 4); i++) summariseScroll(`scroll ${i + 1}`, await probeScroll(panel));
    if (whole) await whole(env.PROBE_TRACE_ALL!);
    if (env.PROBE_TRACE) for (let i = 0; i < Number(env.PROBE_TRACE_REPS ?? 1); i++) await tracedScroll(ext, panel, i ? `${env.PROBE_TRACE}.${i}` : env.PROBE_TRACE);
    if (env.PROBE_CPU) for (let i = 0; i < Number(env.PROBE_CPU); i++) await profiledScroll(ext, panel);
    console.log(`panel heap after the scrolls: ${await heapOf(ext, panel)}`);
    await panel.close();
    if (ext.consoleErrors.length) console.log(`console errors:\n${ext.consoleErrors.join('\n')}`);
  } finally {
    await ext.close();
    if (!kept) await fs.rm(profile, { recursive: true, force: true });
  }
}

await main();
