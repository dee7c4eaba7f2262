import type { Page } from '@playwright/test';

declare global {
  interface Window {
    __answerEndAt?: Promise<number>;
  }
}

/**
 * Resolves, in the side panel, with the wall-clock time of the first animation frame after the
 * answer that is about to be asked for has finished (its article goes from aria-busy "true" to
 * "false"): the frame that paints its end. Call before sending; read with `answerEndAt`.
 */
export async function watchAnswerEnd(panel: Page): Promise<void> {
  await panel.evaluate(() => {
    window.__answerEndAt = new Promise((resolve) => {
      // Our answer must first be seen streaming: the log may still show an earlier, finished one.
      let sawBusy = false;
      const observer = new MutationObserver(() => {
        const article = document.querySelector('[role="log"] article:last-child');
        const busy = article?.getAttribute('aria-busy');
        if (busy === 'true') sawBusy = true;
        if (!sawBusy || busy !== 'false') return;
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.timeOrigin + performance.now()));
      });
      observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['aria-busy'], childList: true });
    });
  });
}

export const answerEndAt = (panel: Page): Promise<number> => panel.evaluate(() => window.__answerEndAt!);
