import type { Page } from '@playwright/test';
import type { ArchivedConversation } from '../lib/chat/conversation-db';
import { sendMessage } from '../test/e2e/harness/chat';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import { askWorker } from '../test/e2e/harness/worker-message';
import { coldOpen, longAnswer, pageHeaps } from './browser-benches';
import type { startBenchServer } from './lib/bench-server';
import { nowMs, type Figure } from './lib/stats';
import { stepWithin } from './lib/step-within';

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

export const LONG_CONVERSATION_ID = 'bench-long-1000';

/**
 * 500 questions and 500 answers of about 300 tokens (Markdown with a heading, a list, a link and
 * a fenced code block, longAnswer's text with the turn's number in it), deterministic, the newest
 * conversation (updated now), so the panel opens it.
 */
export function thousandMessages(now = Date.now()): ArchivedConversation {
  const answer = longAnswer(300).join('');
  const start = now - 1000 * 60_000;
  const messages: ArchivedConversation['messages'] = [];
  let parentId: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const turn = Math.floor(i / 2);
    const user = i % 2 === 0;
    const message = {
      id: `${LONG_CONVERSATION_ID}-m${i}`,
      at: start + i * 60_000,
      parentId,
      role: user ? 'user' : 'assistant',
      content: user ? `Question ${turn}: and then?` : `Answer ${turn}.${answer}`,
      status: 'done',
      ...(user ? {} : { provider: 'openai-compatible', model: 'bench-model', usage: { inputTokens: 40, outputTokens: 300 } }),
    } as ArchivedConversation['messages'][number];
    messages.push(message);
    parentId = message.id;
  }
  return { id: LONG_CONVERSATION_ID, title: 'Question 0: and then?', createdAt: start, updatedAt: now, messages };
}

/**
 * Writes the conversation through the worker's import, as the History's Import does: in one
 * message (about 1.5 MB of JSON; the History cuts at 4 MB, lib/chat/conversation-archive.ts, which
 * the bench cannot import in Node since it uses the i18n code).
 */
export async function seedConversation(panel: Page, conversation: ArchivedConversation): Promise<void> {
  const result = await stepWithin(60_000, 'importing the 1,000-message conversation', askWorker(panel, 'importConversations', [conversation]));
  if (!result.ok) throw new Error(result.message);
}

/**
 * After seeding: replaces the worker that imported the conversation with a fresh one. The import
 * leaves that worker, which runs in the panel's renderer process, with megabytes of garbage that
 * V8's memory reducer collects some seconds later in one or two major GCs (90 to 180 ms, then as
 * much again sweeping): in session 7's traces they fell inside the measured scroll in both runs
 * of 01548b0 and in neither of 1c28e25, on 2 cores a CPU taken from the panel (bench/NOTES.md).
 * Seeding is set-up, not what the scroll measures, so its worker is stopped as Chrome stops an
 * idle one, and a fresh one woken before anything is timed.
 */
export async function settleWorker(ext: ExtensionSession, panel: Page): Promise<void> {
  await ext.stopServiceWorker(panel);
  // Any message wakes it; deleting a conversation that does not exist changes nothing.
  const woken = await askWorker(panel, 'deleteConversation', 'bench-wake-up');
  if (!woken.ok) throw new Error(woken.message);
}

/**
 * Scrolls the conversation from its top to its bottom one screen per animation frame (a fast
 * fling) and returns the longest gap between two frames meanwhile, in ms.
 */
function scrollTopToBottom(panel: Page): Promise<number> {
  return panel.evaluate(async () => {
    const log = document.querySelector<HTMLElement>('[role="log"]')!;
    let scroller: HTMLElement | null = log;
    while (scroller && scroller.scrollHeight <= scroller.clientHeight) scroller = scroller.parentElement;
    if (!scroller) return Number.NaN;
    const box = scroller;
    box.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return new Promise<number>((resolve, reject) => {
      let last = performance.now();
      let longest = 0;
      let stuck = 0;
      let position = -1;
      const step = (t: number) => {
        longest = Math.max(longest, t - last);
        last = t;
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) return resolve(longest);
        // A log that stops moving short of its end would otherwise be scrolled forever.
        stuck = box.scrollTop === position ? stuck + 1 : 0;
        if (stuck > 60) return reject(new Error(`the log stopped scrolling at ${box.scrollTop} of ${box.scrollHeight} px`));
        position = box.scrollTop;
        box.scrollTop += box.clientHeight;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  });
}

declare global {
  interface Window {
    __sendAt?: number;
    __firstPaintAt?: Promise<number>;
  }
}

/**
 * Sends a question and returns, on the wall clock shared with the server: when Enter was pressed
 * and when the first token was painted (the first animation frame after the marker is in the last
 * article). What the user waits for, the worker's building of the request included.
 */
async function sendAndTimeFirstToken(panel: Page, question: string, marker: string): Promise<{ sendAt: number; paintAt: number }> {
  await panel.bringToFront();
  await panel.evaluate((marker) => {
    window.__sendAt = undefined;
    document.addEventListener('keydown', (e) => e.key === 'Enter' && (window.__sendAt ??= performance.timeOrigin + performance.now()), { capture: true, once: true });
    window.__firstPaintAt = new Promise((resolve) => {
      const log = document.querySelector('[role="log"]')!;
      const observer = new MutationObserver(() => {
        const articles = log.querySelectorAll('article');
        if (!articles[articles.length - 1]?.textContent?.includes(marker)) return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
      });
      observer.observe(log, { subtree: true, childList: true, characterData: true });
    });
  }, marker);
  await sendMessage(panel, question);
  const paintAt = await stepWithin(60_000, `the first token of "${question}" painted`, panel.evaluate(() => window.__firstPaintAt!), () =>
    panel.evaluate(() => `the last message says: ${[...document.querySelectorAll('[role="log"] article')].at(-1)?.textContent?.slice(0, 500)}`),
  );
  const sendAt = await panel.evaluate(() => window.__sendAt!);
  await panel.getByRole('log').getByRole('article').last().and(panel.locator('[aria-busy="false"]')).waitFor({ timeout: 60_000 });
  return { sendAt, paintAt };
}

/**
 * BENCH_FIRST_TOKEN_PROFILE=1: a CPU profile of the long panel's renderer from Send to the first
 * token's paint, in the last run, summarised as the functions with the most self time (where the
 * long conversation's extra milliseconds go; issue 13 target 2). Off by default: a profiler slows
 * what it measures, so the figures of a profiled run are not reported.
 */
async function profiled<T>(ext: ExtensionSession, panel: Page, on: boolean, work: () => Promise<T>): Promise<T> {
  if (!on) return work();
  const cdp = await ext.context.newCDPSession(panel);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.detach();
  const self = new Map<number, number>();
  profile.timeDeltas?.forEach((delta, i) => self.set(profile.samples![i]!, (self.get(profile.samples![i]!) ?? 0) + delta));
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}:${columnNumber + 1}`;
    byFrame.set(name, (byFrame.get(name) ?? 0) + (self.get(node.id) ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`  profile of the long panel, Send → paint: ${(total / 1000).toFixed(1)} ms sampled`);
  for (const [name, us] of [...byFrame].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`    ${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
  return result;
}

/**
 * First token in the 1,000-message conversation and in an empty one, alternately in the same run:
 * two side panels, one with the long conversation open, one starting a new chat each time.
 */
async function firstTokenLongVsEmpty(ext: ExtensionSession, server: BenchServer, runs: number): Promise<Figure[]> {
  const marker = 'Zyxwvut';
  server.setPlan({ tokens: [marker, ' and the rest.'], perTick: 1, tickMs: 1, firstTokenDelayMs: 30 });
  const long = await ext.openSidePanel();
  const empty = await ext.openSidePanel();
  const sendToPaint = { long: [] as number[], empty: [] as number[] };
  const serverToPaint = { long: [] as number[], empty: [] as number[] };
  const sendToRequest = { long: [] as number[], empty: [] as number[] };
  /** What the long conversation's requests carried: messages and body size (the context budget's cut). */
  const carried = { messages: [] as number[], kb: [] as number[] };
  try {
    await long.getByRole('log').getByRole('article').filter({ hasText: 'Answer 499.' }).waitFor({ timeout: 60_000 });
    for (let i = 0; i < runs; i++) {
      for (const [name, panel] of [['long', long], ['empty', empty]] as const) {
        if (name === 'empty') await panel.getByRole('button', { name: 'New chat' }).click();
        const profile = !!process.env.BENCH_FIRST_TOKEN_PROFILE && name === 'long' && i === runs - 1;
        const { sendAt, paintAt } = await profiled(ext, panel, profile, () => sendAndTimeFirstToken(panel, `First token ${name} ${i}`, marker));
        if (profile) continue;
        sendToPaint[name].push(paintAt - sendAt);
        const timing = server.timings.at(-1)!;
        serverToPaint[name].push(paintAt - timing.firstTokenAt);
        sendToRequest[name].push(timing.requestAt - sendAt);
        if (name === 'long') {
          carried.messages.push(timing.requestMessages);
          carried.kb.push(timing.requestBytes / 1024);
        }
      }
    }
  } finally {
    await long.close();
    await empty.close();
  }
  const paired = (a: number[], b: number[]) => a.map((v, i) => v - b[i]!);
  return [
    { name: 'First token in the 1,000-message conversation: Send → paint', unit: 'ms', values: sendToPaint.long, note: 'the server waits 30 ms before its first token' },
    { name: 'First token in an empty conversation: Send → paint', unit: 'ms', values: sendToPaint.empty },
    { name: 'First token, 1,000 messages − empty (Send → paint, paired runs)', unit: 'ms', values: paired(sendToPaint.long, sendToPaint.empty), target: 'p50 < 15 ms' },
    { name: 'First token, 1,000 messages − empty (server write → paint, paired runs)', unit: 'ms', values: paired(serverToPaint.long, serverToPaint.empty), target: 'p50 < 15 ms' },
    { name: 'Request, 1,000 messages − empty (Send → request at the server, paired runs)', unit: 'ms', values: paired(sendToRequest.long, sendToRequest.empty), note: 'the history it carries' },
    // The model, bench-model, is unknown to omni-ai: its context is the default (context-sizes.ts).
    { name: 'Messages the long conversation’s request carried (of 1,001 and more)', unit: 'messages', values: carried.messages, note: 'the context budget keeps the newest that fit' },
    { name: 'The long conversation’s request body', unit: 'KB', values: carried.kb },
  ];
}

/**
 * Issue 13 target 2: a 1,000-message conversation (500 answers of about 300 tokens, Markdown with
 * code), written through the worker's import (the real storage code): the panel's cold open with
 * it, a scroll from top to bottom, the panel's heap, and the first token when sending in it.
 */
export async function longConversation(
  ext: ExtensionSession,
  server: BenchServer,
  runs: { open: number; scroll: number; firstToken: number; firstScroll: number },
): Promise<Figure[]> {
  const seeder = await ext.openSidePanel();
  await seeder.locator('#message').waitFor({ timeout: 60_000 });
  const seedStart = nowMs();
  await seedConversation(seeder, thousandMessages());
  const seedMs = nowMs() - seedStart;
  await settleWorker(ext, seeder);
  await seeder.close();

  const open = await coldOpen(ext, runs.open, 'latest conversation 1,000 messages');
  const scrollOnce = (panel: Page) => stepWithin(600_000, 'scrolling the conversation top to bottom', scrollTopToBottom(panel));
  // The first scroll is what a user does first, and whether it drops a frame depends on what the
  // panel has rendered by then: one sample says little, so it is taken in several fresh panels.
  const first: number[] = [];
  const later: number[] = [];
  let heap: { js: number; dom: number } | undefined;
  for (let i = 0; i < Math.max(1, runs.firstScroll); i++) {
    const panel = await ext.openSidePanel();
    try {
      await panel.getByRole('log').getByRole('article').filter({ hasText: 'Answer 499.' }).waitFor({ timeout: 60_000 });
      first.push(await scrollOnce(panel));
      if (i < Math.max(1, runs.firstScroll) - 1) continue;
      // The last panel scrolls on, with the answers it has rendered and kept, then gives its heap.
      for (let j = 1; j < runs.scroll; j++) later.push(await scrollOnce(panel));
      heap = await pageHeaps(ext, panel);
    } finally {
      await panel.close();
    }
  }
  const firstToken = await firstTokenLongVsEmpty(ext, server, runs.firstToken);
  return [
    { name: 'The 1,000-message conversation written through the worker’s import', unit: 's', values: [seedMs / 1000] },
    ...open,
    { name: 'Scrolling the 1,000-message conversation top to bottom, a screen a frame: longest frame gap, every scroll', unit: 'ms', values: [...first, ...later], target: '< 33 ms' },
    // The answers it passes are rendered ahead of it in idle time (components/chat/idle-fill.ts) or in its frames.
    { name: `of which the first scroll right after opening, in ${first.length} fresh panel${first.length === 1 ? '' : 's'}`, unit: 'ms', values: first, target: '< 33 ms' },
    // None when the run asks for one scroll a panel (BENCH_LONG_RUNS=1,1,…).
    ...(later.length ? [{ name: 'of which the later scrolls of the last panel', unit: 'ms', values: later, target: '< 33 ms' }] : []),
    // After the scrolls, so the answers' kept renderings are in it (Blink's heap, not V8's).
    { name: 'Side panel heap with the 1,000-message conversation open, JavaScript and DOM', unit: 'MB', values: [(heap!.js + heap!.dom) / 1e6], target: '< 50 MB' },
    { name: 'of which JavaScript (V8)', unit: 'MB', values: [heap!.js / 1e6] },
    ...firstToken,
  ];
}
