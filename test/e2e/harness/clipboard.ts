import type { BrowserContext } from '@playwright/test';

/**
 * What the user would paste now: the clipboard, read from a web page of `siteUrl` brought to the
 * front, as pasting into another site would (Chromium grants `clipboard-read` per origin, and only
 * a focused page may read it). The page is closed before the answer is returned: left open, its
 * late requests (the favicon) could reach a site the test has closed by then, and the refused
 * connection is a console error that fails the test (seen once in CI, session 9).
 */
export async function readClipboard(context: BrowserContext, siteUrl: string): Promise<string> {
  const notes = await context.newPage();
  await context.grantPermissions(['clipboard-read'], { origin: new URL(siteUrl).origin });
  await notes.goto(siteUrl);
  await notes.bringToFront();
  try {
    return await notes.evaluate(() => navigator.clipboard.readText());
  } finally {
    await notes.close();
  }
}
