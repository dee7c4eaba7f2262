import type { Page } from '@playwright/test';
import { sendMessage, storedMessages } from '../test/e2e/harness/chat';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import { answerEndAt, watchAnswerEnd } from './lib/answer-end';
import type { startBenchServer } from './lib/bench-server';
import type { Figure } from './lib/stats';

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

declare global {
  interface Window {
    __paintAt?: Promise<number>;
    __frames?: { maxGap: number; longTasks: number[]; stop: () => void };
    __sentAt?: number;
  }
}

/**
 * Resolves, in the page, with the wall-clock time of the first animation frame after `selector`'s
 * text contains `marker`: the frame in which it is painted.
 */
async function watchForText(page: Page, selector: string, marker: string) {
  await page.evaluate(
    ({ selector, marker }) => {
      window.__paintAt = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (!document.querySelector(selector)?.textContent?.includes(marker)) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      });
    },
    { selector, marker },
  );
}

async function answerDone(panel: Page, timeout = 120_000) {
  await panel.getByRole('log').getByRole('article').last().and(panel.locator('[aria-busy="false"]')).waitFor({ timeout });
}

/** 1. From the server writing the first token to that token painted: side panel vs a plain page. */
export async function firstTokenLatency(ext: ExtensionSession, server: BenchServer, runs: number): Promise<Figure[]> {
  const marker = 'Zyxwvut';
  server.setPlan({ tokens: [marker, ' and the rest.'], perTick: 1, tickMs: 1, firstTokenDelayMs: 30 });
  const panel = await ext.openSidePanel();
  const plain = await ext.context.newPage();
  await plain.goto(`${server.url}/plain`);
  const viaPanel: number[] = [];
  const viaPlain: number[] = [];
  for (let i = 0; i < runs; i++) {
    await panel.bringToFront();
    await watchForText(panel, '[role="log"]', marker);
    await sendMessage(panel, `Run ${i}`);
    const paintedAt = await panel.evaluate(() => window.__paintAt!);
    viaPanel.push(paintedAt - server.timings.at(-1)!.firstTokenAt);
    await answerDone(panel);
    await panel.getByRole('button', { name: 'New chat' }).click();

    await plain.bringToFront();
    await watchForText(plain, '#out', marker);
    await plain.evaluate(() => void (window as unknown as { run: () => Promise<void> }).run());
    const plainAt = await plain.evaluate(() => window.__paintAt!);
    viaPlain.push(plainAt - server.timings.at(-1)!.firstTokenAt);
  }
  await plain.close();
  await panel.close();
  const added = viaPanel.map((v, i) => v - viaPlain[i]!);
  return [
    { name: 'First token, side panel (server write → paint)', unit: 'ms', values: viaPanel },
    { name: 'First token, plain page fetching directly (the limit)', unit: 'ms', values: viaPlain },
    { name: 'Added latency to first token (panel − plain, paired runs)', unit: 'ms', values: added, target: 'p50 < 15 ms' },
  ];
}

/** A 20,000-token answer with Markdown and code, deterministic. */
export function longAnswer(tokens = 20_000): string[] {
  const out: string[] = [];
  let n = 0;
  while (out.length < tokens) {
    n++;
    const section = [
      `\n\n## Section ${n}\n\n`,
      ...`Paragraph ${n} explains **the idea** with a [link](https://example.com/${n}) and \`inline code\` in a sentence that runs on for a while, as answers do.`.split(/(?<= )/),
      '\n\n- first point\n- second point\n\n',
      '```ts\n',
      ...`const value${n} = compute(${n}, "text");\nif (value${n} > 10) {\n  console.log(value${n});\n}\n`.split(/(?<=[ \n])/),
      '```',
    ];
    out.push(...section);
  }
  return out.slice(0, tokens);
}

/** 2. Streaming a long answer: end-to-final-paint, main-thread blocking, and byte identity. */
export async function streaming(ext: ExtensionSession, server: BenchServer, runs: number): Promise<Figure[]> {
  const tokens = longAnswer();
  const expected = tokens.join('');
  // 20 tokens every 10 ms: 2,000 tokens/s.
  server.setPlan({ tokens, perTick: 20, tickMs: 10, firstTokenDelayMs: 30 });
  const endToPaint: number[] = [];
  const maxGap: number[] = [];
  const longest: number[] = [];
  const rates: number[] = [];
  let identical = 0;
  for (let i = 0; i < runs; i++) {
    const panel = await ext.openSidePanel();
    await panel.evaluate(() => {
      const state = { maxGap: 0, longTasks: [] as number[], stop: () => undefined as void };
      let last = performance.now();
      let running = true;
      const tick = (t: number) => {
        if (window.__sentAt !== undefined && last >= window.__sentAt) state.maxGap = Math.max(state.maxGap, t - last);
        last = t;
        if (running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      // Only tasks that start once the answer is asked for: opening the panel re-renders the
      // previous (20,000-token) conversation, which is the cold-open figure's business, not this one.
      const observer = new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => window.__sentAt !== undefined && e.startTime >= window.__sentAt && state.longTasks.push(e.duration)),
      );
      observer.observe({ type: 'longtask' });
      state.stop = () => {
        running = false;
        observer.disconnect();
      };
      window.__frames = state;
    });
    await panel.getByRole('button', { name: 'New chat' }).click();
    await watchAnswerEnd(panel);
    await panel.evaluate(() => (window.__sentAt = performance.now()));
    await sendMessage(panel, `Long answer ${i}`);
    const paintedAt = await answerEndAt(panel);
    const timing = server.timings.at(-1)!;
    endToPaint.push(paintedAt - timing.lastByteAt);
    rates.push(tokens.length / ((timing.lastByteAt - timing.firstTokenAt) / 1000));
    const frames = await panel.evaluate(() => {
      window.__frames!.stop();
      return { maxGap: window.__frames!.maxGap, longTasks: window.__frames!.longTasks };
    });
    maxGap.push(frames.maxGap);
    longest.push(Math.max(0, ...frames.longTasks));
    // What was stored, and so what the user keeps, compared with what the server sent.
    const stored = (await storedMessages(panel)).filter((m) => m.role === 'assistant').sort((a, b) => b.at - a.at)[0]!.content;
    if (stored === expected) identical++;
    await panel.close();
  }
  return [
    { name: 'Streaming 20,000 tokens: last byte → final paint', unit: 'ms', values: endToPaint, target: '< 50 ms' },
    { name: 'Streaming: longest main-thread task (Long Tasks API; 0 = none ≥ 50 ms)', unit: 'ms', values: longest, target: '< 50 ms' },
    { name: 'Streaming: longest gap between animation frames', unit: 'ms', values: maxGap, note: 'an upper bound on any main-thread block' },
    { name: 'Streaming: server rate achieved', unit: 'tokens/s', values: rates, note: 'planned 2,000 tokens/s' },
    { name: 'Streaming: stored text byte-identical to what the server sent', unit: `of ${runs} runs`, values: [identical] },
  ];
}

/** 4a. Cold open of the side panel to an interactive composer. */
export async function coldOpen(ext: ExtensionSession, runs: number, label: string): Promise<Figure[]> {
  const values: number[] = [];
  for (let i = 0; i < runs; i++) {
    const page = await ext.context.newPage();
    await page.addInitScript(() => {
      const check = () => {
        const box = document.querySelector<HTMLTextAreaElement>('#message');
        if (box && !box.disabled) {
          (window as unknown as { __composerAt: number }).__composerAt = performance.now();
          return true;
        }
        return false;
      };
      const observer = new MutationObserver(() => check() && observer.disconnect());
      observer.observe(document, { subtree: true, childList: true });
    });
    await page.goto(`chrome-extension://${ext.extensionId}/sidepanel.html`);
    await page.locator('#message').waitFor({ timeout: 60_000 });
    values.push(await page.evaluate(() => (window as unknown as { __composerAt: number }).__composerAt));
    await page.close();
  }
  return [{ name: `Side panel: cold open → interactive composer, from navigation start (${label})`, unit: 'ms', values, target: '< 300 ms' }];
}

/**
 * A page's heaps after a full garbage collection, in bytes: V8's (`js`) and Blink's (`dom`, where
 * DOM nodes live, also those a page keeps off the document, such as the windowed log's kept
 * renderings: components/chat/rendered-answers.ts).
 */
export async function pageHeaps(ext: ExtensionSession, page: Page): Promise<{ js: number; dom: number }> {
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize, embedderHeapUsedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return { js: usedSize, dom: embedderHeapUsedSize ?? 0 };
}

/** A page's JavaScript heap after a full garbage collection, in bytes. */
export async function pageHeap(ext: ExtensionSession, page: Page): Promise<number> {
  return (await pageHeaps(ext, page)).js;
}

/**
 * The service worker's heap after a garbage collection. Playwright has no CDP session for workers,
 * so this attaches to the worker's target from the browser session and talks to it by message.
 */
async function workerHeap(ext: ExtensionSession): Promise<number> {
  const cdp = await ext.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${ext.extensionId}/`))!;
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, number>>((resolve) => {
      const mine = ++id;
      const listener = (event: { message: string }) => {
        const reply = JSON.parse(event.message) as { id?: number; result?: Record<string, number> };
        if (reply.id === mine) {
          cdp.off('Target.receivedMessageFromTarget', listener);
          resolve(reply.result ?? {});
        }
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method }) });
    });
  await call('HeapProfiler.collectGarbage');
  const { usedSize } = await call('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize ?? -1;
}

/** 4c. Heap of the side panel and the worker with a 200-message conversation open. */
export async function heapAfterConversation(ext: ExtensionSession, server: BenchServer): Promise<Figure[]> {
  server.setPlan({ tokens: longAnswer(120), perTick: 40, tickMs: 1, firstTokenDelayMs: 1 });
  const panel = await ext.openSidePanel();
  await panel.getByRole('button', { name: 'New chat' }).click();
  const before = { panel: await pageHeap(ext, panel), worker: await workerHeap(ext) };
  for (let i = 0; i < 100; i++) {
    await sendMessage(panel, `Message ${i}: tell me more.`);
    await answerDone(panel);
  }
  const after = { panel: await pageHeap(ext, panel), worker: await workerHeap(ext) };
  await panel.close();
  return [
    { name: 'Side panel heap, empty conversation', unit: 'MB', values: [before.panel / 1e6] },
    { name: 'Side panel heap, 200-message conversation (100 answers of 120 tokens)', unit: 'MB', values: [after.panel / 1e6] },
    { name: 'Service worker heap, before the conversation', unit: 'MB', values: [before.worker / 1e6] },
    { name: 'Service worker heap, after the 200-message conversation', unit: 'MB', values: [after.worker / 1e6] },
  ];
}
