import path from 'node:path';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startStaticSite } from '../servers/static-site';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { lookAt } from './harness/images';
import { askWorker } from './harness/worker-message';

// A page with a red band (0–300 px) and a blue one (300–600 px) from the top left, where any
// capture of the tab begins: what the provider receives can be looked at.
const SPLIT_PAGE = `<!doctype html><title>Two colours</title>
<style>html,body{margin:0;height:100%} div{position:fixed;top:0;bottom:0;width:300px}</style>
<div style="left:0;background:#dd2222"></div><div style="left:300px;background:#2222dd"></div>`;

test('“Add screenshot” attaches what the tab shows, and the provider receives that picture', async ({ extension }) => {
  const site = await startStaticSite(SPLIT_PAGE);
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const page = await extension.context.newPage();
    await page.goto(site.url);
    await extension.clickToolbarIcon(page); // the user opens omni-ai on this page: activeTab

    const panel = await extension.openSidePanel();
    await page.bringToFront(); // the page, not the panel, is the tab in front
    await panel.getByRole('button', { name: 'Add screenshot' }).click();
    const thumbnail = panel.getByRole('region', { name: 'Attached images' }).getByRole('img', { name: 'Screenshot of Two colours' });
    await expect(thumbnail).toHaveAttribute('src', /^blob:chrome-extension:/);

    await sendMessage(panel, 'What do you see?');
    await lastAnswer(panel);
    await expect(panel.getByRole('article', { name: 'You' }).getByRole('img', { name: 'Screenshot of Two colours' })).toBeVisible();
    const [question] = anthropic.requests.filter((r) => r.method === 'POST').at(-1)!.body.messages as { content: { source?: { media_type: string; data: string } }[] }[];
    const source = question!.content[0]!.source!;
    expect(source.media_type).toBe('image/png');
    // The page as the browser drew it: red, then blue. (Headless Chromium captures its window's own
    // size, not the viewport Playwright emulates, so the size is not asserted; it is within the cap.)
    const seen = await lookAt(panel, source.media_type, source.data, { left: 150, right: 450 });
    expect(seen).toMatchObject({ left: '#dd2222', right: '#2222dd' });
    expect(Math.max(seen.width, seen.height)).toBeLessThanOrEqual(1568);
  } finally {
    await Promise.all([site.close(), anthropic.close()]);
  }
});

test('“Add screenshot” on a tab omni-ai was not opened on says what to do, and captures nothing', async ({ extension }) => {
  const site = await startStaticSite(SPLIT_PAGE);
  try {
    const page = await extension.context.newPage();
    await page.goto(site.url);
    const panel = await extension.openSidePanel();
    await page.bringToFront();
    await panel.getByRole('button', { name: 'Add screenshot' }).click();
    await expect(panel.getByRole('alert')).toContainText(
      'omni-ai may not capture this tab yet: click omni-ai’s toolbar icon (or use “Ask omni-ai” from the right-click menu) on the page, then “Add screenshot” again.',
    );
    await expect(panel.getByRole('region', { name: 'Attached images' })).toHaveCount(0);
  } finally {
    await site.close();
  }
});

test.describe('with page reading off', () => {
  test.use({ policy: { allowAddPage: false } });

  test('a screenshot is page content: there is no “Add screenshot”, and the worker captures nothing', async ({ extension }) => {
    const site = await startStaticSite(SPLIT_PAGE);
    try {
      const page = await extension.context.newPage();
      await page.goto(site.url);
      await extension.clickToolbarIcon(page); // activeTab: the tab could be captured, but may not be
      const panel = await extension.openSidePanel();
      await expect(panel.getByRole('textbox', { name: 'Message' })).toBeVisible();
      await expect(panel.getByRole('button', { name: 'Add screenshot' })).toHaveCount(0);
      await page.bringToFront();
      const { id: windowId } = await panel.evaluate(() => chrome.windows.getCurrent());
      expect(await askWorker(panel, 'captureScreenshot', windowId!)).toEqual({
        ok: false,
        message: 'Your organization does not allow omni-ai to read pages. Copy the text you need into the message instead.',
      });
    } finally {
      await site.close();
    }
  });
});

// The README's picture of an image question, taken from the built extension like the others
// (screenshots.spec.ts): a chart on a loopback page, captured with “Add screenshot” and asked about.
test('a screenshot question, for the README', async ({ extension }) => {
  const bars = [38, 64, 52, 88].map((h, i) => `<div class="bar" style="height:${h * 3}px"><span>Q${i + 1}</span></div>`).join('');
  const site = await startStaticSite(`<!doctype html><title>Quarterly sales</title>
<style>body{font:16px system-ui;margin:24px} .chart{display:flex;gap:18px;align-items:flex-end;height:300px;border-bottom:2px solid #333}
.bar{width:70px;background:#3b6fd8;position:relative} .bar span{position:absolute;bottom:-24px;width:100%;text-align:center}</style>
<h1>Quarterly sales</h1><div class="chart">${bars}</div>`);
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a'), displayNames: { 'claude-sonnet-5-5': 'Claude Sonnet 5.5' } });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const page = await extension.context.newPage();
    await page.goto(site.url);
    await extension.clickToolbarIcon(page);
    const panel = await extension.openSidePanel();
    await page.bringToFront();
    await panel.getByRole('button', { name: 'Add screenshot' }).click();
    await expect(panel.getByRole('img', { name: 'Screenshot of Quarterly sales' })).toBeVisible();
    // Only now: in headless Chromium a page's viewport size is its window's, and the capture is what
    // that window shows of the tab beside the open side panel.
    await panel.setViewportSize({ width: 400, height: 640 });
    await sendMessage(panel, 'Which quarter sold the most?');
    await expect((await lastAnswer(panel)).locator('.content')).not.toBeEmpty();
    await panel.screenshot({ path: path.resolve(import.meta.dirname, '../../docs/screenshots/image-question.png') });
  } finally {
    await Promise.all([site.close(), anthropic.close()]);
  }
});
