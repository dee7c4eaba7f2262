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

/** The worker's own marks (entrypoints/background.ts): ms from its time origin. */
async function workerStart(ext: ExtensionSession): Promise<{ scriptStart: number; evaluated: number; ready: number }> {
  const worker = await ext.serviceWorker();
  return worker.evaluate(() => ({
    scriptStart: performance.getEntriesByName('omni-ai:script-start')[0]?.startTime ?? Number.NaN,
    evaluated: performance.getEntriesByName('omni-ai:evaluated')[0]?.startTime ?? Number.NaN,
    ready: performance.getEntriesByName('omni-ai:ready')[0]?.startTime ?? Number.NaN,
  }));
}

interface Answer {
  /** Enter → first token painted. */
  firstToken: number;
  /** Enter → the provider's request reached the server: the worker's part before the network. */
  toRequest: number;
}

async function ask(panel: Page, server: BenchServer, run: string): Promise<Answer> {
  const marker = `Qz${run.replace(/\W/g, '')}x`;
  server.setPlan({ tokens: [marker, ' and the rest.'], perTick: 1, tickMs: 1, firstTokenDelayMs: 30 });
  await panel.getByRole('button', { name: 'New chat' }).click();
  await watchFirstToken(panel, marker);
  await sendMessage(panel, `Question ${run}`);
  const { sentAt, paintedAt } = await panel.evaluate(() => window.__firstToken!);
  await panel.getByRole('log').getByRole('article').last().and(panel.locator('[aria-busy="false"]')).waitFor();
  return { firstToken: paintedAt - sentAt, toRequest: server.timings.at(-1)!.requestAt - sentAt };
}

/**
 * 5. A cold worker: Chrome stops an idle service worker (here at once, with CDP
 * ServiceWorker.stopWorker) and the next Send starts it again. Send → first token painted, with a
 * stopped worker and with a running one, alternately in the same panel, against an
 * OpenAI-compatible server on loopback through the real SDK. And the worker's start-up, from its
 * own marks.
 */
export async function coldWorker(ext: ExtensionSession, server: BenchServer, runs: number): Promise<Figure[]> {
  const panel = await ext.openSidePanel();
  const warm: Answer[] = [];
  const cold: Answer[] = [];
  const scriptStart: number[] = [];
  const evaluated: number[] = [];
  const ready: number[] = [];
  try {
    await ask(panel, server, 'warm-up'); // the panel's own first answer (its code loading) is not the worker's
    for (let i = 0; i < runs; i++) {
      warm.push(await ask(panel, server, `warm ${i}`));
      await ext.stopServiceWorker(panel);
      cold.push(await ask(panel, server, `cold ${i}`));
      const marks = await workerStart(ext);
      scriptStart.push(marks.scriptStart);
      evaluated.push(marks.evaluated);
      ready.push(marks.ready);
    }
  } finally {
    await panel.close();
  }
  return [
    { name: 'Send → first token painted, running worker', unit: 'ms', values: warm.map((a) => a.firstToken) },
    { name: 'Send → first token painted, stopped worker', unit: 'ms', values: cold.map((a) => a.firstToken) },
    {
      name: 'Cold worker’s added latency to the first token (stopped − running, paired runs)',
      unit: 'ms',
      values: cold.map((a, i) => a.firstToken - warm[i]!.firstToken),
      target: '< 30 ms',
    },
    { name: 'Send → request at the server, running worker', unit: 'ms', values: warm.map((a) => a.toRequest) },
    { name: 'Send → request at the server, stopped worker', unit: 'ms', values: cold.map((a) => a.toRequest) },
    { name: 'Worker start: time origin → its script runs (thread start, script load and compile)', unit: 'ms', values: scriptStart },
    { name: 'Worker start: script runs → every module evaluated', unit: 'ms', values: evaluated.map((e, i) => e - scriptStart[i]!) },
    { name: 'Worker start: time origin → every listener registered', unit: 'ms', values: ready },
  ];
}
