import os from 'node:os';
import type { Page } from '@playwright/test';
import { sendMessage } from '../test/e2e/harness/chat';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import type { startBenchServer } from './lib/bench-server';
import type { Figure } from './lib/stats';

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

declare global {
  interface Window {
    __firstToken?: Promise<{ sentAt: number; paintedAt: number }>;
  }
}

/**
 * Resolves, in the panel, with the wall-clock times of the Enter that sends the next message and of
 * the first animation frame after `marker` (the answer's first token) is in the log.
 */
async function watchFirstToken(panel: Page, marker: string) {
  await panel.evaluate((marker) => {
    const now = () => performance.timeOrigin + performance.now();
    window.__firstToken = new Promise((resolve) => {
      let sentAt = 0;
      window.addEventListener('keydown', (e) => e.key === 'Enter' && (sentAt = now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (!document.querySelector('[role="log"]')?.textContent?.includes(marker)) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve({ sentAt, paintedAt: now() }));
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  }, marker);
}

/** One of the worker's User Timing entries (lib/timed-step.ts): ms from its time origin. */
interface Step {
  start: number;
  end: number;
}

/**
 * The worker's own marks and measures, `omni-ai:*` (entrypoints/background.ts, lib/timed-step.ts):
 * ms from its time origin, and that origin as wall-clock time, to place the panel's Send and the
 * server's request on the same line.
 */
async function workerStart(ext: ExtensionSession): Promise<{ timeOrigin: number; steps: Record<string, Step> }> {
  const worker = await ext.serviceWorker();
  return worker.evaluate(() => ({
    timeOrigin: performance.timeOrigin,
    steps: Object.fromEntries(
      performance
        .getEntries()
        .filter((e) => e.name.startsWith('omni-ai:') && (e.entryType === 'mark' || e.entryType === 'measure'))
        .map((e) => [e.name.slice('omni-ai:'.length), { start: e.startTime, end: e.startTime + e.duration }]),
    ),
  }));
}

interface Answer {
  /** Enter → first token painted. */
  firstToken: number;
  /** Enter → the provider's request reached the server: the worker's part before the network. */
  toRequest: number;
  /** Wall-clock times of the Enter and of the request at the server. */
  sentAt: number;
  requestAt: number;
}

/**
 * How the question is sent: `send` as the harness does (type, then Enter); `preTyped` with the text
 * already in the box before the worker was stopped, so nothing but the Enter reaches the panel after
 * the stop (the pure cold figure); `typedFor` types after the stop and waits that long before Enter.
 */
type Sending = { how: 'send' } | { how: 'preTyped'; stop: () => Promise<void> } | { how: 'typedFor'; ms: number; stop: () => Promise<void> };

async function ask(panel: Page, server: BenchServer, run: string, sending: Sending = { how: 'send' }): Promise<Answer> {
  const marker = `Qz${run.replace(/\W/g, '')}x`;
  server.setPlan({ tokens: [marker, ' and the rest.'], perTick: 1, tickMs: 1, firstTokenDelayMs: 30 });
  await panel.getByRole('button', { name: 'New chat' }).click();
  await watchFirstToken(panel, marker);
  const box = panel.getByRole('textbox', { name: 'Message' });
  if (sending.how === 'send') await sendMessage(panel, `Question ${run}`);
  else if (sending.how === 'preTyped') {
    await box.fill(`Question ${run}`);
    await sending.stop();
    await box.press('Enter');
  } else {
    await box.blur();
    await sending.stop();
    await box.fill(`Question ${run}`); // focus and input: the composer wakes the worker here
    await panel.waitForTimeout(sending.ms);
    await box.press('Enter');
  }
  const { sentAt, paintedAt } = await panel.evaluate(() => window.__firstToken!);
  await panel.getByRole('log').getByRole('article').last().and(panel.locator('[aria-busy="false"]')).waitFor();
  const { requestAt } = server.timings.at(-1)!;
  return { firstToken: paintedAt - sentAt, toRequest: requestAt - sentAt, sentAt, requestAt };
}

const median = (values: number[]) => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : Number.NaN;
};

/**
 * Each step of the cold starts on one time line, the worker's time origin at 0 (p50 of its start and
 * end over the cold starts, and how many starts ran it): the Send (before 0: it is what starts the
 * worker), the start-up work, the run's steps, and the request at the server. What runs between the
 * port's message and the fetch is what a Send waits for.
 */
function printSteps(starts: { timeOrigin: number; steps: Record<string, Step> }[], cold: Answer[]) {
  const names = [...new Set(starts.flatMap((s) => Object.keys(s.steps)))];
  const rows = [
    { name: 'Send (Enter in the panel)', start: median(cold.map((a, i) => a.sentAt - starts[i]!.timeOrigin)), end: Number.NaN, runs: cold.length },
    ...names.map((name) => {
      const ran = starts.filter((s) => s.steps[name]);
      return { name, start: median(ran.map((s) => s.steps[name]!.start)), end: median(ran.map((s) => s.steps[name]!.end)), runs: ran.length };
    }),
    { name: 'request at the server', start: median(cold.map((a, i) => a.requestAt - starts[i]!.timeOrigin)), end: Number.NaN, runs: cold.length },
  ].sort((a, b) => a.start - b.start);
  console.log('  cold starts, ms from the worker’s time origin (p50 start → end, runs):');
  for (const row of rows) {
    const span = row.end > row.start ? ` → ${row.end.toFixed(1)} (${(row.end - row.start).toFixed(1)})` : '';
    console.log(`    ${row.start.toFixed(1).padStart(7)}${span}  ${row.name} [${row.runs}]`);
  }
}

/** The 1-minute load average, to print beside each figure (the machine is shared). */
const load = () => os.loadavg()[0]!;
const loadNote = (loads: number[]) => `load ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}`;

/** After the stop, the user types and Send comes this much later (issue 13 §4: the wake on typing). */
export const TYPED_MS = 500;

/**
 * 5. A cold worker: Chrome stops an idle service worker (here at once, with CDP
 * ServiceWorker.stopWorker) and the next Send starts it again. Send → first token painted, with a
 * stopped worker and with a running one, alternately in the same panel, against an
 * OpenAI-compatible server on loopback through the real SDK; the stopped one twice: with Send the
 * first thing after the stop (the question typed before it), and with the question typed after the
 * stop, Send TYPED_MS later (the composer starts the worker when the user writes). And the worker's
 * start-up, from its own marks, for each cold start in order (a code cache would show as a first
 * start slower than the next), and what the provider's SDK script cost to import on that start.
 */
export async function coldWorker(ext: ExtensionSession, server: BenchServer, runs: number): Promise<Figure[]> {
  const panel = await ext.openSidePanel();
  const stop = () => ext.stopServiceWorker(panel);
  const warm: Answer[] = [];
  const cold: Answer[] = [];
  const typed: Answer[] = [];
  const loads: number[] = [];
  const starts: { timeOrigin: number; steps: Record<string, Step> }[] = [];
  try {
    await ask(panel, server, 'warm-up'); // the panel's own first answer (its code loading) is not the worker's
    for (let i = 0; i < runs; i++) {
      loads.push(load());
      warm.push(await ask(panel, server, `warm ${i}`));
      cold.push(await ask(panel, server, `cold ${i}`, { how: 'preTyped', stop }));
      starts.push(await workerStart(ext));
      typed.push(await ask(panel, server, `typed ${i}`, { how: 'typedFor', ms: TYPED_MS, stop }));
    }
  } finally {
    await panel.close();
  }
  loads.push(load());
  const note = loadNote(loads);
  const at = (name: string, edge: keyof Step = 'start') => starts.map((s) => s.steps[name]?.[edge] ?? Number.NaN);
  const scriptStart = at('script-start');
  const evaluated = at('evaluated');
  const ready = at('ready');
  const imported = at('sdk-import', 'end')
    .map((end, i) => end - at('sdk-import')[i]!)
    .filter((t) => !Number.isNaN(t));
  console.log(`  worker start, time origin → script runs, each cold start in order: ${scriptStart.map((t) => t.toFixed(0)).join(', ')} ms`);
  printSteps(starts, cold);
  return [
    { name: 'Send → first token painted, running worker', unit: 'ms', values: warm.map((a) => a.firstToken), note },
    { name: 'Send → first token painted, stopped worker, Send right after the stop', unit: 'ms', values: cold.map((a) => a.firstToken), note },
    {
      name: 'Cold worker’s added latency to the first token (stopped − running, paired runs)',
      unit: 'ms',
      values: cold.map((a, i) => a.firstToken - warm[i]!.firstToken),
      target: '< 30 ms',
      note,
    },
    {
      name: `Stopped worker, question typed after the stop, Send ${TYPED_MS} ms later: added latency (− running, paired runs)`,
      unit: 'ms',
      values: typed.map((a, i) => a.firstToken - warm[i]!.firstToken),
      note,
    },
    { name: 'Send → request at the server, running worker', unit: 'ms', values: warm.map((a) => a.toRequest), note },
    { name: 'Send → request at the server, stopped worker', unit: 'ms', values: cold.map((a) => a.toRequest), note },
    { name: 'Worker start: time origin → its script runs (thread start, script load and compile)', unit: 'ms', values: scriptStart, note },
    { name: 'Worker start: script runs → every module evaluated', unit: 'ms', values: evaluated.map((e, i) => e - scriptStart[i]!), note },
    { name: 'Worker start: time origin → every listener registered', unit: 'ms', values: ready, note },
    {
      // What the worker does for the Send once it can hear it: the start-up work's competition, the
      // settings, the SDK's import, the request (issue 13 §4). Main's build has these two marks too.
      name: 'Stopped worker: every listener registered → request at the server',
      unit: 'ms',
      values: cold.map((a, i) => a.requestAt - starts[i]!.timeOrigin - ready[i]!),
      note,
    },
    // None on a build with the SDKs inside the worker's script (before issue 13 §4's split).
    ...(imported.length ? [{ name: 'Stopped worker’s first request: importing the SDK’s script (openai-sdk.js)', unit: 'ms', values: imported, note }] : []),
  ];
}
