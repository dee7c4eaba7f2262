import { acceptKey } from '../servers/auth-check';
import { startFakeOpenAI } from '../servers/fake-openai';
import { startStaticSite } from '../servers/static-site';
import { sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { readClipboard } from './harness/clipboard';
import { belowView, wheelLogUp } from './harness/log-scroll';

// Issue 13 target 1: a long code block streams in slices of 32 lines, each a block of its own that
// the browser skips while it is off-screen (lib/markdown/streamed-code.ts, theme.css .code-slice),
// the slices far behind its end gathered 16 at a time into one such block (.code-slices),
// in a log that keeps to its end after layout rather than forcing one (MessageLog.tsx). What a user
// sees and does with it.

/** 1,100 lines of TypeScript (over 32 slices: the first 16 are grouped), line 120 far wider than the panel. */
const code = Array.from({ length: 1_100 }, (_, i) =>
  i === 120 ? `const wide = "${'w'.repeat(600)} end of the wide line";` : `const line${i} = compute(${i}, "text ${i}"); // note ${i}`,
).join('\n');
const reply = `Here is the file:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nThat is all.`;

/** How far the log's scrolled content goes below what it shows, in px (0 at its end). */

test('a long code block streams with its end in view, then copies, selects and finds as one block of code; the log stays where the user scrolled', async ({ extension }) => {
  const server = await startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk'), reply, behaviour: { mode: 'ok', durationMs: 3_000 } });
  // Where the user pastes: a web page (Chrome grants no clipboard permission to an extension's origin by CDP).
  const site = await startStaticSite('<!doctype html><title>Notes</title><textarea aria-label="Notes"></textarea>');
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI', { 'API key': 'sk', 'Base URL': `${server.url}/v1` });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'The whole file, please');
    const log = panel.getByRole('log', { name: 'Conversation' });
    const answer = log.getByRole('article').last();
    // While it streams, the log keeps to its growing end: at two moments, its end is in view.
    await expect(answer).toContainText('// note 100');
    expect(await belowView(log)).toBeLessThan(41);
    await expect(answer).toContainText('// note 200');
    expect(await belowView(log)).toBeLessThan(41);
    await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
    await expect(answer.getByText('That is all.')).toBeInViewport();
    await expect.poll(() => belowView(log)).toBeLessThan(41);

    const block = answer.locator('pre > code');
    // The finished slices are blocks of their own (what lets the browser skip those off-screen).
    expect(await block.locator('span.code-slice').count()).toBeGreaterThan(32);
    // Those far behind the end are gathered into groups: what the browser checks each frame (every
    // block with content-visibility: auto) is the groups and the slices after them, not every slice.
    const checked = await block.evaluate((el) => ({
      auto: [...el.querySelectorAll('span')].filter((s) => getComputedStyle(s).contentVisibility === 'auto').length,
      blocks: el.querySelectorAll(':scope > span.code-slices, :scope > span.code-slice').length,
      groups: el.querySelectorAll(':scope > span.code-slices').length,
    }));
    expect(checked.groups).toBeGreaterThan(0);
    expect(checked.auto).toBe(checked.blocks);
    // The copy button copies the code, whole.
    await answer.hover();
    await answer.getByRole('button', { name: 'Copy code' }).click();
    // The clipboard is written asynchronously: the button says so once it is (read before that, it
    // can still be empty: CI's run of 6112a90 read "").
    await expect(answer.getByRole('button', { name: 'Copy code' })).toHaveText('Copied');
    expect(await readClipboard(extension.context, site.url)).toBe(code);

    // A selection across slices, most of them off-screen, copies the lines it covers, no more.
    await panel.bringToFront();
    await block.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await panel.keyboard.press('Control+C');
    expect(await readClipboard(extension.context, site.url)).toBe(code);

    // Finding in the page finds a line far above the view, in a slice the browser skips there.
    // (window.find, the page's own find: the toolbar's Ctrl+F cannot be driven here; neither scrolls
    // to what it found in this headless Chromium, main's build included.)
    await panel.bringToFront();
    await panel.evaluate(() => getSelection()!.removeAllRanges());
    await log.evaluate((el) => (el.scrollTop = el.scrollHeight));
    const farUp = answer.getByText('// note 3', { exact: true });
    await expect(farUp).not.toBeInViewport();
    expect(await farUp.evaluate((el) => el.checkVisibility({ contentVisibilityAuto: true }))).toBe(false);
    expect(await panel.evaluate(() => (window as unknown as { find: (text: string) => boolean }).find('"text 3"); // note 3'))).toBe(true);
    expect(await panel.evaluate(() => getSelection()!.toString())).toBe('"text 3"); // note 3');

    // A line wider than the panel scrolls sideways inside the block: its end is reached, not cut off.
    const pre = answer.locator('pre');
    await answer.getByText('end of the wide line').scrollIntoViewIfNeeded();
    expect(await pre.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeGreaterThan(1000);
    await pre.evaluate((el) => (el.scrollLeft = el.scrollWidth));
    await expect(answer.getByText('end of the wide line')).toBeInViewport();

    // Another answer; the user scrolls up while it streams: the log stays where the user put it.
    await sendMessage(panel, 'Once more');
    const again = log.getByRole('article').last();
    await expect(again).toContainText('// note 40');
    await wheelLogUp(panel, log, 1500);
    expect(await belowView(log)).toBeGreaterThan(1000);
    const top = await log.evaluate((el) => el.scrollTop);
    await expect(again).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
    expect(await log.evaluate((el) => el.scrollTop)).toBe(top);
  } finally {
    await Promise.all([server.close(), site.close()]);
  }
});
