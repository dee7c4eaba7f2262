import type { Page, Worker } from '@playwright/test';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import type { RecordedRequest } from '../servers/fake-openai';
import { startFakeOpenAI } from '../servers/fake-openai';
import { startStaticSite } from '../servers/static-site';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import type { ExtensionSession } from './harness/launch';
import { chooseProvider } from './harness/pages';

// Issue 16: which pages' text may be read, and which providers may receive it. The policy tests
// write a real policy file before Chromium starts and remove it afterwards (harness/policy-file.ts).

/** A page whose every paragraph carries `marker`, so a request log shows whether its text left. */
const article = (title: string, marker: string) =>
  `<!doctype html><title>${title}</title><article><h1>${title}</h1>${Array.from(
    { length: 6 },
    (_, i) => `<p>${marker} paragraph ${i + 1}: the moon pulls the oceans, and the earth turns beneath the bulge it raises.</p>`,
  ).join('')}</article>`;

const WIKI = 'WIKI-TIDES';
const HR = 'HR-SALARIES';
const PAGES = { '/wiki/tides': article('Tides explained', WIKI), '/hr/pay': article('Pay scales', HR) };

/** Chrome re-reads a rewritten policy file after about 5 s (MACHINE.md). */
const POLICY_APPLIED = { timeout: 20_000 };

type Probe = { e2eInjections?: number };

/**
 * Counts, from now on, the worker's content-script injections: the polyfill calls
 * chrome.scripting.executeScript when omni-ai asks a page for its text.
 */
async function countInjections(worker: Worker): Promise<void> {
  await worker.evaluate(() => {
    const probe = globalThis as unknown as Probe;
    if (probe.e2eInjections !== undefined) return;
    probe.e2eInjections = 0;
    const inject = chrome.scripting.executeScript.bind(chrome.scripting);
    chrome.scripting.executeScript = ((...args: Parameters<typeof inject>) => {
      probe.e2eInjections!++;
      return inject(...args);
    }) as typeof chrome.scripting.executeScript;
  });
}
const injections = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as Probe).e2eInjections);

/**
 * "Ask omni-ai" from the right-click menu on the active tab, through the extension's real listener;
 * `menuItemId` picks a quick action of its submenu (menu-items.ts).
 */
function askFromMenu(worker: Worker, info: { pageUrl: string; selectionText?: string; menuItemId?: string }) {
  return worker.evaluate(async (info) => {
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    const onClicked = chrome.contextMenus.onClicked as unknown as { dispatch: (info: object, tab?: chrome.tabs.Tab) => void };
    onClicked.dispatch({ menuItemId: 'ask-omni-ai', editable: false, ...info }, tab);
  }, info);
}

/** Every request body a fake provider received, as text: what left the browser. */
const bodies = (requests: RecordedRequest[]) => requests.map((r) => JSON.stringify(r.body)).join('\n');
const chats = (requests: RecordedRequest[], path: string) => requests.filter((r) => r.method === 'POST' && r.path === path);

/** The panel's alert, without its Dismiss button. */
const alertText = (panel: Page) => panel.getByRole('alert').locator('span');

/**
 * Anthropic and an OpenAI-compatible server set up, the wiki page open in a tab the user opened
 * omni-ai on (activeTab), the side panel open beside it with the tab in front.
 */
async function wikiWithTwoProviders(extension: ExtensionSession) {
  const site = await startStaticSite(PAGES);
  const internal = await startFakeOpenAI({ models: ['llama3.3'] });
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  const close = () => Promise.all([site.close(), internal.close(), anthropic.close()]);
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    await configureProvider(options, 'OpenAI-compatible', { 'Base URL': `${internal.url}/v1`, Models: 'llama3.3' });
    const tab = await extension.context.newPage();
    await tab.goto(`${site.url}wiki/tides`);
    await extension.clickToolbarIcon(tab);
    const panel = await extension.openSidePanel();
    await tab.bringToFront();
    return { site, internal, anthropic, options, panel, close };
  } catch (error) {
    await close();
    throw error;
  }
}

test.describe('with an organization that blocks a site', () => {
  test.use({ policy: { pageBlockedSites: ['http://127.0.0.1/hr/*'] } });

  test('an allowed page is added and answered; a blocked one is refused by “Add page” and by the menu, and its text never leaves', async ({
    extension,
  }) => {
    const site = await startStaticSite(PAGES);
    const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
    try {
      const options = await extension.openOptions();
      await configureProvider(options, 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
      // The organization's entry, read-only beside the user's own list.
      const orgList = options.getByRole('list', { name: 'Sites omni-ai never reads, set by your organization' });
      await expect(orgList).toHaveText('http://127.0.0.1/hr/*');
      await expect(orgList).toHaveAccessibleDescription('Set by your organization');
      await expect(options.getByRole('textbox', { name: 'Sites omni-ai never reads' })).toHaveValue('');

      const worker = await extension.serviceWorker();
      await countInjections(worker);
      const tab = await extension.context.newPage();
      await tab.goto(`${site.url}wiki/tides`);
      await extension.clickToolbarIcon(tab);
      const panel = await extension.openSidePanel();
      await tab.bringToFront();
      await panel.getByRole('button', { name: 'Add page' }).click();
      await expect(panel.getByLabel('Attached context')).toContainText('Page: Tides explained');
      await sendMessage(panel, 'Summarise this page.');
      const origin = new URL(site.url).origin;
      await expect(await lastAnswer(panel)).toContainText(`Sent: page from ${origin} to Anthropic`);
      expect(bodies(anthropic.requests)).toContain(WIKI);
      expect(await injections(worker)).toBe(1);

      // The blocked page. The toolbar click grants access to it: only the rule keeps it out.
      await tab.goto(`${site.url}hr/pay`);
      await extension.clickToolbarIcon(tab);
      await tab.bringToFront();
      await panel.getByRole('button', { name: 'Add page' }).click();
      const blocked = `Your organization does not allow omni-ai to read pages from ${new URL(site.url).host}. You can still ask your question without it.`;
      await expect(alertText(panel)).toHaveText(blocked);
      await expect(panel.getByLabel('Attached context')).toHaveCount(0);
      await panel.getByRole('button', { name: 'Dismiss' }).click();

      // The same page through the menu: the page itself, then a selection on it.
      await askFromMenu(worker, { pageUrl: `${site.url}hr/pay` });
      await expect(alertText(panel)).toHaveText(blocked);
      await panel.getByRole('button', { name: 'Dismiss' }).click();
      await askFromMenu(worker, { pageUrl: `${site.url}hr/pay`, selectionText: `${HR} paragraph 1` });
      await expect(alertText(panel)).toHaveText(blocked);
      await expect(panel.getByLabel('Attached context')).toHaveCount(0);
      await panel.getByRole('button', { name: 'Dismiss' }).click();
      // A quick action of the submenu goes through the same check: refused, and nothing is sent.
      await askFromMenu(worker, { pageUrl: `${site.url}hr/pay`, menuItemId: 'ask-omni-ai/page/summarize-page' });
      await expect(alertText(panel)).toHaveText(blocked);
      await expect(panel.getByLabel('Attached context')).toHaveCount(0);
      expect(chats(anthropic.requests, '/v1/messages')).toHaveLength(1);
      // The content script was never asked for the blocked page.
      expect(await injections(worker)).toBe(1);

      // The question can still be asked, without the page.
      await sendMessage(panel, 'What is a spring tide?');
      await lastAnswer(panel);
      expect(chats(anthropic.requests, '/v1/messages')).toHaveLength(2);
      expect(bodies(anthropic.requests)).not.toContain(HR);
    } finally {
      await Promise.all([site.close(), anthropic.close()]);
    }
  });
});

test.describe('with a policy that changes while the browser runs', () => {
  test.use({ policy: {} });

  test('blocking the open page applies live: an attached page is refused at send and given back, and “Add page” refuses it', async ({
    extension,
    setPolicy,
  }) => {
    const site = await startStaticSite(PAGES);
    const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
    try {
      await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
      const worker = await extension.serviceWorker();
      await countInjections(worker);
      const tab = await extension.context.newPage();
      await tab.goto(`${site.url}wiki/tides`);
      await extension.clickToolbarIcon(tab);
      const panel = await extension.openSidePanel();
      await tab.bringToFront();
      await panel.getByRole('button', { name: 'Add page' }).click();
      await expect(panel.getByLabel('Attached context')).toContainText('Page: Tides explained');

      await setPolicy({ pageBlockedSites: ['http://127.0.0.1/wiki/*'] });
      await expect
        .poll(() => worker.evaluate(() => chrome.storage.managed.get('pageBlockedSites')), POLICY_APPLIED)
        .toEqual({ pageBlockedSites: ['http://127.0.0.1/wiki/*'] });

      // Attached before the change, refused at send: nothing sent, nothing lost.
      await sendMessage(panel, 'Summarise this page.');
      const site127 = new URL(site.url).host;
      await expect(alertText(panel)).toHaveText(
        `Your organization does not allow omni-ai to read pages from ${site127}. Remove the page to send your question without it.`,
      );
      await expect(panel.getByRole('textbox', { name: 'Message' })).toHaveValue('Summarise this page.');
      await expect(panel.getByLabel('Attached context')).toContainText('Page: Tides explained');
      await expect(panel.getByRole('log').getByRole('article')).toHaveCount(0);
      expect(chats(anthropic.requests, '/v1/messages')).toHaveLength(0);

      // "Add page" on the page now blocked: refused before the content script is asked.
      await panel.getByRole('button', { name: 'Dismiss' }).click();
      await panel.getByRole('button', { name: 'Add page' }).click();
      await expect(alertText(panel)).toHaveText(`Your organization does not allow omni-ai to read pages from ${site127}. You can still ask your question without it.`);
      expect(await injections(worker)).toBe(1);

      // Without the page, the question goes.
      await panel.getByRole('button', { name: 'Remove page' }).click();
      await panel.getByRole('button', { name: 'Send' }).click();
      await lastAnswer(panel);
      expect(chats(anthropic.requests, '/v1/messages')).toHaveLength(1);
      expect(bodies(anthropic.requests)).not.toContain(WIKI);
    } finally {
      await Promise.all([site.close(), anthropic.close()]);
    }
  });
});

test.describe('with page text allowed only to one provider', () => {
  test.use({ policy: { pageTextProviders: ['openai-compatible'] } });

  test('“Add page” is disabled with the reason for another provider, and a page already attached is refused at send', async ({ extension }) => {
    const { site, internal, anthropic, options, panel, close } = await wikiWithTwoProviders(extension);
    try {
      const addPage = panel.getByRole('button', { name: 'Add page' });
      const refusal = `Your organization does not allow page text to be sent to Anthropic (${anthropic.url}); only to OpenAI-compatible.`;

      // With Anthropic selected, the empty panel's "Summarize this page" is off too, saying why.
      await chooseProvider(options, 'Anthropic');
      const summarize = panel.getByRole('button', { name: 'Summarize this page' });
      await expect(summarize).toBeDisabled();
      await expect(summarize).toHaveAccessibleDescription(refusal);
      await chooseProvider(options, 'OpenAI-compatible');
      await expect(summarize).toBeEnabled();

      await addPage.click();
      await expect(panel.getByLabel('Attached context')).toContainText('Page: Tides explained');

      // Another provider: "Add page" says why it is off, live.
      await chooseProvider(options, 'Anthropic');
      await expect(addPage).toBeDisabled();
      await expect(addPage).toHaveAccessibleDescription(refusal);

      // The page attached before the switch is refused before anything is sent, and given back.
      await sendMessage(panel, 'Summarise this page.');
      await expect(alertText(panel)).toHaveText(`${refusal} Remove the page to send your question without it.`);
      await expect(panel.getByRole('textbox', { name: 'Message' })).toHaveValue('Summarise this page.');
      await expect(panel.getByLabel('Attached context')).toContainText('Page: Tides explained');
      expect(chats(anthropic.requests, '/v1/messages')).toHaveLength(0);

      // The menu refuses too (its item is disabled; a click that slips through is checked again).
      const worker = await extension.serviceWorker();
      await panel.getByRole('button', { name: 'Dismiss' }).click();
      await askFromMenu(worker, { pageUrl: `${site.url}wiki/tides`, selectionText: `${WIKI} paragraph 2` });
      await expect(alertText(panel)).toHaveText(`${refusal} You can still ask your question without it.`);
      await expect(panel.getByLabel('Attached context')).toContainText('Page: Tides explained'); // the draft's page stays

      // Back to the provider the organization allows: the same draft goes, and is recorded.
      await chooseProvider(options, 'OpenAI-compatible');
      await expect(addPage).toBeEnabled();
      await panel.getByRole('button', { name: 'Send' }).click();
      await expect(await lastAnswer(panel)).toContainText(`Sent: page from ${new URL(site.url).origin} to OpenAI-compatible`);
      expect(bodies(chats(internal.requests, '/v1/chat/completions'))).toContain(WIKI);
      expect(bodies(anthropic.requests)).not.toContain(WIKI);
    } finally {
      await close();
    }
  });

  test('a screenshot taken for the allowed provider is refused at send after a switch to another, given back, and recorded when it goes', async ({ extension }) => {
    const { site, internal, anthropic, options, panel, close } = await wikiWithTwoProviders(extension);
    try {
      await panel.getByRole('button', { name: 'Add screenshot' }).click();
      const attached = panel.getByRole('region', { name: 'Attached images' }).getByRole('img', { name: 'Screenshot of Tides explained' });
      await expect(attached).toBeVisible();

      // The screenshot was taken for OpenAI-compatible; the question goes after a switch to Anthropic.
      await chooseProvider(options, 'Anthropic');
      await sendMessage(panel, 'What does this chart say?');
      const refusal = `Your organization does not allow page text to be sent to Anthropic (${anthropic.url}); only to OpenAI-compatible.`;
      await expect(alertText(panel)).toHaveText(`${refusal} Remove the screenshot to send your question without it.`);
      await expect(panel.getByRole('textbox', { name: 'Message' })).toHaveValue('What does this chart say?');
      await expect(attached).toBeVisible(); // given back with the question, not lost
      await expect(panel.getByRole('article')).toHaveCount(0);
      expect(chats(anthropic.requests, '/v1/messages')).toHaveLength(0);

      // Back to the provider the organization allows: the same draft goes, with its picture, and is recorded.
      await chooseProvider(options, 'OpenAI-compatible');
      await panel.getByRole('button', { name: 'Send' }).click();
      await expect(await lastAnswer(panel)).toContainText(`Sent: screenshot from ${new URL(site.url).origin} to OpenAI-compatible`);
      const [request] = chats(internal.requests, '/v1/chat/completions');
      expect(JSON.stringify(request!.body)).toContain('data:image/png;base64,');
      expect(chats(anthropic.requests, '/v1/messages')).toHaveLength(0);
    } finally {
      await close();
    }
  });
});

test('the user’s own lists: a bad entry is named, a blocked site is refused “by you”, and the list of page text sent follows the history', async ({
  extension,
}) => {
  const site = await startStaticSite(PAGES);
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const blockedList = options.getByRole('textbox', { name: 'Sites omni-ai never reads' });
    const save = options.getByRole('button', { name: 'Save page text settings' });
    await blockedList.fill('127.0.0.1/hr/*');
    await save.click();
    await expect(blockedList).toHaveAccessibleDescription(/“127\.0\.0\.1\/hr\/\*” is not a match pattern: write <scheme>:\/\/<host>\/<path>/);
    await expect(options.getByText('Not saved: correct the entries named above.')).toBeVisible();
    await blockedList.fill('http://127.0.0.1/hr/*');
    await options.getByRole('checkbox', { name: 'Keep a list of the page text I send' }).check();
    await save.click();
    await expect(options.getByText('Page text settings saved.')).toBeVisible();

    const tab = await extension.context.newPage();
    await tab.goto(`${site.url}hr/pay`);
    await extension.clickToolbarIcon(tab);
    const panel = await extension.openSidePanel();
    await tab.bringToFront();
    await panel.getByRole('button', { name: 'Add page' }).click();
    const host = new URL(site.url).host;
    await expect(alertText(panel)).toHaveText(
      `You blocked ${host} in omni-ai’s options (“Sites omni-ai never reads”). You can still ask your question without it.`,
    );
    await panel.getByRole('button', { name: 'Dismiss' }).click();

    await tab.goto(`${site.url}wiki/tides?session=secret#part`);
    await extension.clickToolbarIcon(tab);
    await tab.bringToFront();
    await panel.getByRole('button', { name: 'Add page' }).click();
    await expect(panel.getByLabel('Attached context')).toContainText('Page: Tides explained');
    await sendMessage(panel, 'Summarise this page.');
    const sentLine = `Sent: page from ${new URL(site.url).origin} to Anthropic`;
    await expect(await lastAnswer(panel)).toContainText(sentLine);

    // The export carries the record: origin and path, never the query or the fragment.
    const download = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export' }).click();
    const exported = await (await download).path().then((file) => import('node:fs/promises').then((fs) => fs.readFile(file, 'utf8')));
    const record = exported.split('\n').find((line) => line.startsWith('> Sent:'));
    expect(record).toMatch(new RegExp(`^> ${sentLine}: ${site.url}wiki/tides, [\\d,]+ characters, received at ${anthropic.url}$`));

    // The options page lists it (date, site, provider, characters); never the text.
    await options.reload();
    const log = options.getByRole('region', { name: 'Page text sent' });
    const rows = log.getByRole('row');
    await expect(rows).toHaveCount(2); // the header and one line
    await expect(rows.nth(1)).toContainText(`${site.url}wiki/tides`);
    await expect(rows.nth(1)).toContainText('Anthropic');
    await expect(log).not.toContainText(WIKI);

    // Deleting the conversation deletes its lines.
    await panel.getByRole('button', { name: 'History' }).click();
    await panel.getByRole('button', { name: 'Delete “Summarise this page.”' }).click();
    await expect(panel.getByText('No conversations yet.')).toBeVisible();
    await options.reload();
    await expect(options.getByRole('region', { name: 'Page text sent' })).toContainText('Nothing yet.');
  } finally {
    await Promise.all([site.close(), anthropic.close()]);
  }
});
