/**
 * Where the first token's extra milliseconds go in a 1,000-message conversation (issue 13 target 2,
 * bench/NOTES.md session 9): the bench's set-up (seeded through the import, a fresh worker, a panel
 * with the long conversation and one with an empty chat), then Sends in each, alternately, each under
 * a browser-wide CDP trace. Each Send is split on the trace's clock:
 *   panel   the panel's main thread from the keydown (console.timeStamp) to the `send` leaving it
 *   hop     from the panel's post to the worker's task that reads the port message
 *   worker  the worker from that task to the request leaving (ResourceSendRequest), by task
 *   first   the request to the first delta's paint (the bench's rAF after the marker, timeStamped)
 * and the panel's main thread's work in each part by event name (script, style, layout, paint, GC).
 *
 *   [PROBE_EXT=dir] [PROBE_ROUNDS=n] [PROBE_TRACE=dir] npx tsx bench/probes/first-token-trace.ts
 *
 * Outside `npm run bench`: tracing slows what it watches, so it explains figures, never makes them.
 */
import '../lib/node-extension-shim';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { sendMessage } from '../../test/e2e/harness/chat';
import { EXTENSION_DIR, launchExtension, type ExtensionSession } from '../../test/e2e/harness/launch';
import { askWorker } from '../../test/e2e/harness/worker-message';
import { startBenchServer } from '../lib/bench-server';
import { writeBenchModelSettings } from '../lib/write-settings';
import { endTraceText, traceEvents, type TraceEvent } from '../lib/cdp-trace';
import { seedConversation, settleWorker, thousandMessages } from '../long-conversation-benches';

const env = process.env;
const load = () => os.loadavg()[0]!.toFixed(1);

/** Sends and waits for the answer's end, with timeStamps at the keydown and at the first token's paint. */
async function send(panel: Page, question: string, marker: string): Promise<void> {
  await panel.bringToFront();
  await panel.evaluate((marker) => {
    document.addEventListener('keydown', (e) => e.key === 'Enter' && console.timeStamp('probe-send'), { capture: true, once: true });
    const log = document.querySelector('[role="log"]')!;
    const observer = new MutationObserver(() => {
      const articles = log.querySelectorAll('article');
      if (!articles[articles.length - 1]?.textContent?.includes(marker)) return;
      observer.disconnect();
      requestAnimationFrame(() => console.timeStamp('probe-paint'));
    });
    observer.observe(log, { subtree: true, childList: true, characterData: true });
  }, marker);
  await sendMessage(panel, question);
  await panel.getByRole('log').getByRole('article').last().filter({ hasText: marker }).waitFor({ timeout: 60_000 });
  await panel.getByRole('log').getByRole('article').last().and(panel.locator('[aria-busy="false"]')).waitFor({ timeout: 60_000 });
  await panel.waitForTimeout(200);
}

const CATEGORIES = [...(env.PROBE_CPU ? ['disabled-by-default-v8.cpu_profiler'] : []), 'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'disabled-by-default-v8.gc', 'blink', 'IndexedDB', 'loading', 'ipc', 'mojom'];

interface Split {
  panel: number;
  hop: number;
  worker: number;
  first: number;
  total: number;
  detail: string[];
}

function analyse(events: TraceEvent[], serverUrl: string): Split | string {
  const key = (e: TraceEvent) => `${e.pid}:${e.tid}`;
  const sendStamp = events.find((e) => e.name === 'TimeStamp' && JSON.stringify(e.args).includes('probe-send'));
  const paintStamp = events.find((e) => e.name === 'TimeStamp' && JSON.stringify(e.args).includes('probe-paint'));
  if (!sendStamp || !paintStamp) return 'no stamps';
  const main = key(sendStamp);
  const threadName = new Map(events.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => [key(e), String(e.args?.name)]));
  const workers = [...threadName].filter(([_k, n]) => n.startsWith('ServiceWorker') || n.includes('Worker')).map(([k]) => k);
  const request = events
    .filter((e) => e.name === 'ResourceSendRequest' && JSON.stringify(e.args).includes(serverUrl) && e.ts >= sendStamp.ts)
    .sort((a, b) => a.ts - b.ts)[0];
  if (!request) return `no request (workers ${workers.map((w) => threadName.get(w)).join(', ')})`;
  const worker = key(request);
  const tops = events.filter((e) => e.ph === 'X' && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')).sort((a, b) => a.ts - b.ts);
  const complete = events.filter((e) => e.ph === 'X' && e.dur !== undefined);
  // The worker's first task after the Send that ran script: the port message.
  const workerTasks = tops.filter((e) => key(e) === worker && e.ts + e.dur! >= sendStamp.ts && e.ts <= request.ts);
  const scripted = (t: TraceEvent) => complete.some((e) => key(e) === worker && e.ts >= t.ts && e.ts < t.ts + t.dur! && /^(FunctionCall|EventDispatch|V8\.Execute|v8\.run)$/.test(e.name));
  const firstWorker = workerTasks.find(scripted) ?? workerTasks[0];
  // The panel's part: its main thread's tasks from the keydown until the worker's first task starts.
  const hopStart = firstWorker ? firstWorker.ts : request.ts;
  const panelTasks = tops.filter((e) => key(e) === main && e.ts + e.dur! >= sendStamp.ts && e.ts <= paintStamp.ts);
  const keydownTask = panelTasks.find((t) => t.ts <= sendStamp.ts && t.ts + t.dur! >= sendStamp.ts);
  const panelEnd = keydownTask ? keydownTask.ts + keydownTask.dur! : sendStamp.ts;
  const ms = (us: number) => us / 1000;
  const byName = (thread: string, from: number, to: number, names: RegExp) => {
    const sums = new Map<string, number>();
    for (const e of complete) if (key(e) === thread && e.ts >= from && e.ts < to && names.test(e.name)) sums.set(e.name, (sums.get(e.name) ?? 0) + e.dur!);
    return [...sums].sort((a, b) => b[1] - a[1]).map(([n, d]) => `${n} ${ms(d).toFixed(1)}`).join(', ');
  };
  const busy = (thread: string, from: number, to: number) =>
    ms(tops.filter((e) => key(e) === thread && e.name === 'ThreadControllerImpl::RunTask').reduce((a, e) => a + Math.max(0, Math.min(e.ts + e.dur!, to) - Math.max(e.ts, from)), 0));
  /** Thread (CPU) time of the thread's tasks that start in [from, to): what load does not inflate. */
  const cpu = (thread: string, from: number, to: number) =>
    ms(tops.filter((e) => key(e) === thread && e.name === 'ThreadControllerImpl::RunTask' && e.ts >= from && e.ts < to).reduce((a, e) => a + (e.tdur ?? 0), 0));
  const NAMES = /^(FunctionCall|EventDispatch|TimerFire|FireAnimationFrame|RunMicrotasks|V8\.Execute|UpdateLayoutTree|Layout|PrePaint|Paint|Layerize|Commit|MinorGC|MajorGC|V8\.GC_SCAVENGER|BlinkGC\.AtomicPhase|ParseHTML|v8\.compile|V8\.CompileCode|v8\.deserializeOnBackground|ResizeObserver|IntersectionObserver|HitTest|ScheduleStyleRecalculation|v8\.callFunction|EvaluateScript|v8\.produceCache|ParseAuthorStyleSheet|IndexedDB.*|IDB.*)$/;
  const detail = [
    `panel keydown task ${keydownTask ? ms(keydownTask.dur!).toFixed(1) : '?'} ms: ${keydownTask ? byName(main, keydownTask.ts, keydownTask.ts + keydownTask.dur!, NAMES) : ''}`,
    `panel CPU send→request ${cpu(main, sendStamp.ts - 3000, request.ts).toFixed(1)} ms, request→paint ${cpu(main, request.ts, paintStamp.ts).toFixed(1)}; worker CPU send→request ${cpu(worker, sendStamp.ts, request.ts).toFixed(1)}, request→paint ${cpu(worker, request.ts, paintStamp.ts).toFixed(1)}`,
    `panel busy send→request ${busy(main, sendStamp.ts, request.ts).toFixed(1)} ms, request→paint ${busy(main, request.ts, paintStamp.ts).toFixed(1)} ms: ${byName(main, request.ts, paintStamp.ts, NAMES)}`,
    `panel tasks send→paint: ${panelTasks.filter((t) => t.dur! > 500 && t.name === 'ThreadControllerImpl::RunTask').map((t) => `+${ms(t.ts - sendStamp.ts).toFixed(1)} ${ms(t.dur!).toFixed(1)} (cpu ${ms(t.tdur ?? 0).toFixed(1)})`).join(' ')}`,
    `worker (${threadName.get(worker)}) busy ${busy(worker, sendStamp.ts, request.ts).toFixed(1)} ms; tasks: ${workerTasks.filter((t) => t.dur! > 200 && t.name === 'ThreadControllerImpl::RunTask').map((t) => `+${ms(t.ts - sendStamp.ts).toFixed(1)} ${ms(t.dur!).toFixed(1)} (cpu ${ms(t.tdur ?? 0).toFixed(1)}) [${byName(worker, t.ts, t.ts + t.dur!, NAMES)}]`).join(' ')}`,
    `worker after request→paint busy ${busy(worker, request.ts, paintStamp.ts).toFixed(1)} ms`,
  ];
  if (env.PROBE_CPU) {
    detail.push(`panel CPU send→request: ${selfTimes(events, main, sendStamp.ts, request.ts)}`);
    detail.push(`worker CPU send→request: ${selfTimes(events, worker, sendStamp.ts, request.ts)}`);
    detail.push(`panel CPU request→paint: ${selfTimes(events, main, request.ts, paintStamp.ts)}`);
    detail.push(`worker CPU request→paint: ${selfTimes(events, worker, request.ts, paintStamp.ts)}`);
  }
  return {
    panel: ms(panelEnd - sendStamp.ts),
    hop: ms(hopStart - panelEnd),
    worker: ms(request.ts - hopStart),
    first: ms(paintStamp.ts - request.ts),
    total: ms(paintStamp.ts - sendStamp.ts),
    detail,
  };
}

/** The thread's sampled CPU profile (v8.cpu_profiler's Profile/ProfileChunk events) in [from, to): self time by function, the largest. */
function selfTimes(events: TraceEvent[], thread: string, from: number, to: number): string {
  const [pid, tid] = thread.split(':').map(Number);
  const profiles = new Map<string, { start: number; nodes: Map<number, { name: string; parent?: number }>; t: number }>();
  const self = new Map<string, number>();
  for (const e of events.filter((e) => e.name === 'Profile' || e.name === 'ProfileChunk').sort((a, b) => a.ts - b.ts)) {
    if (e.pid !== pid) continue;
    const id = String((e as unknown as { id: string }).id);
    const data = e.args?.data as Record<string, unknown> | undefined;
    if (e.name === 'Profile') {
      if (e.tid !== tid) continue;
      profiles.set(id, { start: Number(data?.startTime), nodes: new Map(), t: Number(data?.startTime) });
      continue;
    }
    const profile = profiles.get(id);
    if (!profile) continue;
    const cpu = data?.cpuProfile as { nodes?: { id: number; parent?: number; callFrame: { functionName: string; url: string; lineNumber?: number } }[]; samples?: number[] } | undefined;
    for (const n of cpu?.nodes ?? []) profile.nodes.set(n.id, { name: `${n.callFrame.functionName || '(anon)'}@${(n.callFrame.url ?? '').split('/').pop()}:${(n.callFrame.lineNumber ?? -1) + 1}`, parent: n.parent });
    const deltas = (data?.timeDeltas as number[] | undefined) ?? [];
    (cpu?.samples ?? []).forEach((sample, i) => {
      profile.t += deltas[i] ?? 0;
      if (profile.t < from || profile.t >= to) return;
      const name = profile.nodes.get(sample)?.name ?? '?';
      self.set(name, (self.get(name) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
    });
  }
  return [...self].filter(([n]) => !n.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, 14).map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`).join(', ');
}

async function main() {
  if (env.PROBE_READ) {
    // Summarise traces written before (PROBE_TRACE), without a browser: `PROBE_READ=dir PROBE_SERVER=127.0.0.1:port`.
    for (const file of (await fs.readdir(env.PROBE_READ)).sort()) {
      const split = analyse(JSON.parse(await fs.readFile(path.join(env.PROBE_READ, file), 'utf8')) as TraceEvent[], env.PROBE_SERVER ?? '127.0.0.1');
      console.log(file, typeof split === 'string' ? split : `total ${split.total.toFixed(1)} panel ${split.panel.toFixed(1)} worker ${split.worker.toFixed(1)} first ${split.first.toFixed(1)}`);
      if (typeof split !== 'string') for (const line of split.detail) console.log(`    ${line}`);
    }
    return;
  }
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-ftprobe-'));
  const ext: ExtensionSession = await launchExtension(profile, env.PROBE_EXT ?? EXTENSION_DIR);
  await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const server = await startBenchServer();
  const rounds = Number(env.PROBE_ROUNDS ?? 3);
  try {
    await writeBenchModelSettings(ext, `${server.url}/v1`);
    const seeder = await ext.openSidePanel();
    await seeder.locator('#message').waitFor({ timeout: 60_000 });
    await seedConversation(seeder, thousandMessages());
    await settleWorker(ext, seeder);
    await seeder.close();
    const marker = 'Zyxwvut';
    server.setPlan({ tokens: [marker, ' and the rest.'], perTick: 1, tickMs: 1, firstTokenDelayMs: 30 });
    const long = await ext.openSidePanel();
    const empty = await ext.openSidePanel();
    await long.getByRole('log').getByRole('article').filter({ hasText: 'Answer 499.' }).waitFor({ timeout: 60_000 });
    // One untraced send in each first: the worker's SDK and the code paths warm, as in the bench's runs after the first.
    await send(long, 'warm-up long', marker);
    await empty.getByRole('button', { name: 'New chat' }).click();
    await send(empty, 'warm-up empty', marker);
    const cdp = await ext.context.browser()!.newBrowserCDPSession();
    const results: Record<'long' | 'empty', Split[]> = { long: [], empty: [] };
    for (let i = 0; i < rounds; i++) {
      for (const [name, panel] of [['long', long], ['empty', empty]] as const) {
        if (name === 'empty') await panel.getByRole('button', { name: 'New chat' }).click();
        await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES } });
        // Tracing (and the CPU profiler, which starts in a thread when it next runs script) starting is
        // not the Send's work: the worker runs a message that changes nothing first, then both settle.
        await askWorker(panel, 'deleteConversation', 'probe-nothing');
        await panel.waitForTimeout(500);
        await send(panel, `First token ${name} ${i}`, marker);
        const events = traceEvents(await endTraceText(cdp));
        if (env.PROBE_TRACE) await fs.writeFile(path.join(env.PROBE_TRACE, `${name}-${i}.json`), JSON.stringify(events));
        const split = analyse(events, server.url.replace('http://', ''));
        if (typeof split === 'string') {
          console.log(`${name} ${i}: ${split}`);
          continue;
        }
        results[name].push(split);
        console.log(
          `${name} ${i}: send→paint ${split.total.toFixed(1)} = panel ${split.panel.toFixed(1)} + hop ${split.hop.toFixed(1)} + worker ${split.worker.toFixed(1)} + request→paint ${split.first.toFixed(1)} ms [load ${load()}]`,
        );
        for (const line of split.detail) console.log(`    ${line}`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
    for (const part of ['total', 'panel', 'hop', 'worker', 'first'] as const) {
      const l = median(results.long.map((s) => s[part]));
      const e = median(results.empty.map((s) => s[part]));
      console.log(`median ${part}: long ${l.toFixed(1)}, empty ${e.toFixed(1)}, long − empty ${(l - e).toFixed(1)} ms`);
    }
    console.log(`[load ${load()}]`);
  } finally {
    await server.close?.();
    await ext.context.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
}

void main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
