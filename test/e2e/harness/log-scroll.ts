import type { Locator, Page } from '@playwright/test';

/** How far the conversation log's end is below its view, in pixels (0 at the end). */
export const belowView = (log: Locator) => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);

/**
 * Wheels the log up as a user does and waits for the scroll to end: Chromium's wheel scrolls are
 * smooth, so where it lands is read once `scrollend` fired (the listener is registered before the
 * wheel, or the event can be missed).
 */
export async function wheelLogUp(page: Page, log: Locator, pixels: number): Promise<void> {
  await log.hover();
  await log.evaluate((el) => {
    (window as { scrollEnded?: Promise<unknown> }).scrollEnded = new Promise((resolve) => el.addEventListener('scrollend', resolve, { once: true }));
  });
  await page.mouse.wheel(0, -pixels);
  await page.evaluate(() => (window as { scrollEnded?: Promise<unknown> }).scrollEnded);
}
