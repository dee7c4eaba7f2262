import type { Page } from '@playwright/test';
import { sendMessage } from '../test/e2e/harness/chat';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import { coldOpen, longAnswer } from './browser-benches';
import type { startBenchServer } from './lib/bench-server';
import type { Figure } from './lib/stats';

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

/** A page's JavaScript heap after a full garbage collection, in bytes. */
async function heapOf(ext: ExtensionSession, page: Page): Promise<number> {
  const cdp = await ext.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
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
    return new Promise<number>((resolve) => {
      let last = performance.now();
      let longest = 0;
      const step = (t: number) => {
        longest = Math.max(longest, t - last);
        last = t;
        if (box.scrollTop + box.clientHeight >= box.scrollHeight - 1) return resolve(longest);
        box.scrollTop += box.clientHeight;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
  });
}

/**
 * Issue 13 target 2: a 1,000-message conversation (500 answers of about 300 tokens, Markdown with
 * code), built through the real path (sent from the panel, answered by the bench server, stored by
 * the worker): the panel's cold open with it, a scroll from top to bottom, and the panel's heap.
 */
export async function longConversation(ext: ExtensionSession, server: BenchServer, openRuns: number, scrollRuns = 5): Promise<Figure[]> {
  server.setPlan({ tokens: longAnswer(300), perTick: 300, tickMs: 1, firstTokenDelayMs: 1 });
  const panel = await ext.openSidePanel();
  await panel.getByRole('button', { name: 'New chat' }).click();
  for (let i = 0; i < 500; i++) {
    await sendMessage(panel, `Question ${i}: and then?`);
    await panel.getByRole('log').getByRole('article').last().and(panel.locator('[aria-busy="false"]')).waitFor();
  }
  await panel.close();

  const open = await coldOpen(ext, openRuns, 'latest conversation 1,000 messages');
  const scroll: number[] = [];
  const reopened = await ext.openSidePanel();
  let heap: number;
  try {
    await reopened.getByRole('log').getByRole('article').nth(999).waitFor();
    for (let i = 0; i < scrollRuns; i++) scroll.push(await scrollTopToBottom(reopened));
    heap = await heapOf(ext, reopened);
  } finally {
    await reopened.close();
  }
  return [
    ...open,
    { name: 'Scrolling the 1,000-message conversation top to bottom, a screen a frame: longest frame gap', unit: 'ms', values: scroll, target: '< 33 ms' },
    { name: 'Side panel heap with the 1,000-message conversation open', unit: 'MB', values: [heap / 1e6], target: '< 50 MB' },
  ];
}
