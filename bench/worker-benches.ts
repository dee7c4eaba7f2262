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

/**
 * The worker's own marks (entrypoints/background.ts): ms from its time origin; and how long its
 * first request's import of the provider's SDK script took (lib/providers/sdk/load-sdk.ts).
 */
async function workerStart(ext: ExtensionSession): Promise<{ scriptStart: number; evaluated: number; ready: number; sdkImport: number }> {
  const worker = await ext.serviceWorker();
  return worker.evaluate(() => ({
    scriptStart: performance.getEntriesByName('omni-ai:script-start')[0]?.startTime ?? Number.NaN,
    evaluated: performance.getEntriesByName('omni-ai:evaluated')[0]?.startTime ?? Number.NaN,
    ready: performance.getEntriesByName('omni-ai:ready')[0]?.startTime ?? Number.NaN,
    sdkImport: performance.getEntriesByName('omni-ai:sdk-import')[0]?.duration ?? Number.NaN,
  }));
}

interface Answer {
  /** Enter → first token painted. */
  firstToken: number;
  /** Enter → the provider's request reached the server: the worker's part before the network. */
  toRequest: number;
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
  return { firstToken: paintedAt - sentAt, toRequest: server.timings.at(-1)!.requestAt - sentAt };
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
  const scriptStart: number[] = [];
  const evaluated: number[] = [];
  const ready: number[] = [];
  const sdkImport: number[] = [];
  try {
    await ask(panel, server, 'warm-up'); // the panel's own first answer (its code loading) is not the worker's
    for (let i = 0; i < runs; i++) {
      loads.push(load());
      warm.push(await ask(panel, server, `warm ${i}`));
      cold.push(await ask(panel, server, `cold ${i}`, { how: 'preTyped', stop }));
      const marks = await workerStart(ext);
      scriptStart.push(marks.scriptStart);
      evaluated.push(marks.evaluated);
      ready.push(marks.ready);
      sdkImport.push(marks.sdkImport);
      typed.push(await ask(panel, server, `typed ${i}`, { how: 'typedFor', ms: TYPED_MS, stop }));
    }
  } finally {
    await panel.close();
  }
  loads.push(load());
  const note = loadNote(loads);
  const imported = sdkImport.filter((t) => !Number.isNaN(t));
  console.log(`  worker start, time origin → script runs, each cold start in order: ${scriptStart.map((t) => t.toFixed(0)).join(', ')} ms`);
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
    // None on a build with the SDKs inside the worker's script (before issue 13 §4's split).
    ...(imported.length ? [{ name: 'Stopped worker’s first request: importing the SDK’s script (openai-sdk.js)', unit: 'ms', values: imported, note }] : []),
  ];
}
