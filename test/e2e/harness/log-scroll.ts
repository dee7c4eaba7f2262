import type { Locator, Page } from '@playwright/test';

/** How far the conversation log's end is below its view, in pixels (0 at the end). */
export const belowView = (log: Locator) => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

/**
 * Wheels the log up as a user does and waits for that scroll to end. Chromium's wheel scrolls are
 * smooth, so where it lands is read once `scrollend` fired; but `scrollend` also fires for each
 * programmatic scroll, and a log following a streaming answer scrolls itself every few frames (7
 * times in 500 ms here): the first `scrollend` after the wheel was sometimes the follow's, read
 * before the wheel had moved the log at all. So it waits for a `scrollend` that finds the log above
 * where it was when the wheel began. If none comes in 5 s (the wheel did not move the log), it
 * returns anyway and the caller's assertion on the position says what happened.
 */
export async function wheelLogUp(page: Page, log: Locator, pixels: number): Promise<void> {
  await log.hover();
  await log.evaluate((el) => {
    const from = el.scrollTop;
    (window as { wheelScrollEnded?: Promise<unknown> }).wheelScrollEnded = new Promise<void>((resolve) => {
      const done = () => {
        el.removeEventListener('scrollend', ended);
        resolve();
      };
      const ended = () => {
        if (el.scrollTop < from) done();
      };
      // Registered before the wheel, or its scrollend can be missed.
      el.addEventListener('scrollend', ended);
      setTimeout(done, 5_000);
    });
  });
  await page.mouse.wheel(0, -pixels);
  await page.evaluate(() => (window as { wheelScrollEnded?: Promise<unknown> }).wheelScrollEnded);
}
