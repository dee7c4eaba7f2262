import type { BrowserContext } from '@playwright/test';

/**
 * What the user would paste now: the clipboard, read from a web page of `siteUrl` brought to the
 * front, as pasting into another site would (Chromium grants `clipboard-read` per origin, and only
 * a focused page may read it).
 */
export async function readClipboard(context: BrowserContext, siteUrl: string): Promise<string> {
  const notes = await context.newPage();
  await context.grantPermissions(['clipboard-read'], { origin: new URL(siteUrl).origin });
  await notes.goto(siteUrl);
  await notes.bringToFront();
  return notes.evaluate(() => navigator.clipboard.readText());
}
