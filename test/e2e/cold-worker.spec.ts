import type { BrowserContext, Page } from '@playwright/test';
import { startAzureWithClientCredentials } from '../servers/azure-client-credentials';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startVertexWithServiceAccount } from '../servers/vertex-service-account';
import { SDK_GLOBAL } from '../../lib/providers/sdk/sdk-scripts';
import { RECORDED_TEXT } from '../servers/recorded';
import { lastAnswer, sendMessage, storedMessages } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';

/** Counts the starts of omni-ai's worker from now on, as CDP reports them (version status "running"). */
async function countWorkerStarts(context: BrowserContext, page: Page, extensionId: string) {
  type Version = { versionId: string; scriptURL: string; runningStatus: string };
  const cdp = await context.newCDPSession(page);
  const starts = { count: 0 };
  let last = '';
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: Version[] }) => {
    const ours = versions.find((v) => v.scriptURL === `chrome-extension://${extensionId}/background.js`);
    if (!ours || ours.runningStatus === last) return;
    if (ours.runningStatus === 'running' && last !== '') starts.count++;
    last = ours.runningStatus;
  });
  await cdp.send('ServiceWorker.enable');
  return starts;
}

// Issue 13 §4: a worker Chrome stopped while idle starts when the user writes, not after Send.
test('a worker Chrome stopped starts while the user types, and answers the Send without starting again', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'First question');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    const box = panel.getByRole('textbox', { name: 'Message' });
    await box.blur();

    await extension.stopServiceWorker(panel);
    const starts = await countWorkerStarts(extension.context, panel, extension.extensionId);
    const requestsBefore = anthropic.requests.length;

    await box.pressSequentially('Second question');
    // Started by the typing: before any Send, and with no request to the provider.
    await expect.poll(() => starts.count).toBe(1);
    expect(anthropic.requests.length).toBe(requestsBefore);

    await box.press('Enter');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    expect(anthropic.requests.map((r) => r.path).slice(requestsBefore)).toEqual(['/v1/messages']);
    expect(starts.count).toBe(1); // the Send went to the worker the typing started
  } finally {
    await anthropic.close();
  }
});

// A question written before Chrome stopped the worker, sent with the mouse: the pointer reaching
// Send starts the worker, in the moment before the click, not after it.
test('a worker Chrome stopped starts when the pointer reaches Send, and answers the click without starting again', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    const box = panel.getByRole('textbox', { name: 'Message' });
    await box.fill('Written before the stop');
    await box.blur();
    await extension.stopServiceWorker(panel);
    const starts = await countWorkerStarts(extension.context, panel, extension.extensionId);
    const requestsBefore = anthropic.requests.length; // the panel's model list, when it opened

    const send = panel.getByRole('button', { name: 'Send' });
    await send.hover();
    await expect.poll(() => starts.count).toBe(1);
    expect(anthropic.requests.length).toBe(requestsBefore); // started, and nothing asked of the provider

    await send.click();
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    expect(anthropic.requests.map((r) => r.path).slice(requestsBefore)).toEqual(['/v1/messages']);
    expect(starts.count).toBe(1);
  } finally {
    await anthropic.close();
  }
});

// The wake-up is not a use (issue 10's idle rule): it reaches neither the token endpoint nor the
// provider; the Send after it uses the token the gateway already holds.
test('the worker started by typing asks no token endpoint and no provider before Send', async ({ extension }) => {
  const { tokens, azure, fields, close } = await startAzureWithClientCredentials();
  try {
    await configureProvider(await extension.openOptions(), 'Azure OpenAI', fields);
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Capital of France?');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.azure);
    expect(tokens.requests).toHaveLength(1);
    const box = panel.getByRole('textbox', { name: 'Message' });
    await box.blur();

    await extension.stopServiceWorker(panel);
    const starts = await countWorkerStarts(extension.context, panel, extension.extensionId);
    const providerRequests = azure.requests.length;
    await box.pressSequentially('And of Spain?');
    await expect.poll(() => starts.count).toBe(1);
    // Long enough for what a new worker does on its own start: the earliest refresh it arms is 1 s away.
    await panel.waitForTimeout(2_000);
    expect(tokens.requests).toHaveLength(1);
    expect(azure.requests).toHaveLength(providerRequests);

    await box.press('Enter');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.azure);
    expect(tokens.requests).toHaveLength(1);
    expect(starts.count).toBe(1);
  } finally {
    await close();
  }
});

// A new worker marks the answers the last one left streaming as interrupted, after its start-up
// (lib/background/start-up-work.ts): by then the Send that woke it has a run of its own streaming,
// which it must leave alone, also while that run's provider is silent (a model thinking) and so
// nothing rewrites its record.
test('a worker woken by Send marks the answer the stopped one cut off as interrupted, never its own', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a'), behaviour: { mode: 'hang' } });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'First question, cut off');
    await expect(panel.getByRole('log').getByRole('article').last().locator('.content')).toContainText('Hello');
    // The second question is typed while the first streams, so that nothing but the Enter follows the stop.
    await panel.getByRole('button', { name: 'New chat' }).click();
    const box = panel.getByRole('textbox', { name: 'Message' });
    await box.fill('Second question, still coming');
    await extension.stopServiceWorker(panel); // the first run dies with the worker
    // The second answer's first words are seconds away (5 s between the stream's events).
    anthropic.behaviour.mode = 'ok';
    anthropic.behaviour.durationMs = 60_000;
    await box.press('Enter');

    const answers = async () =>
      (await storedMessages(panel))
        .filter((m) => m.role === 'assistant')
        .sort((a, b) => a.at - b.at)
        .map((m) => m.status);
    // The new worker's start-up work has run once the first answer is marked; the second, stored
    // before it and not written since, is still streaming.
    await expect.poll(async () => (await answers())[0]).toBe('error');
    expect(await answers()).toEqual(['error', 'streaming']);
    const other = await extension.openSidePanel();
    await other.getByRole('button', { name: 'History' }).click();
    await other.getByRole('region', { name: 'Conversations' }).getByRole('button', { name: /^Second question, still coming/ }).click();
    await expect(other.getByRole('log').getByRole('article').last()).toHaveAttribute('aria-busy', 'true');
    await expect(other.getByRole('alert')).toHaveCount(0);
    expect(await answers()).toEqual(['error', 'streaming']);

    await panel.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(answers).not.toContain('streaming');
  } finally {
    await anthropic.close();
  }
});

// Sealing the secrets an omni-ai from before sealing stored in plain text (issue 12) is start-up
// work a Send does not need: it waits for the start to end, and still happens on every start.
test('a worker start seals an API key stored in plain text, after answering the Send that woke it', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('plain-key') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'plain-key', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    type Stored = { state: { providers: { anthropic: { apiKey: string } } } };
    const storedKey = () =>
      panel.evaluate(async () => ((await chrome.storage.local.get('omni-ai:settings'))['omni-ai:settings'] as Stored).state.providers.anthropic.apiKey);
    await expect.poll(storedKey).toMatch(/^omni-ai-sealed:1:/);
    // As an older omni-ai left it: the key in plain text.
    await panel.evaluate(async () => {
      const stored = (await chrome.storage.local.get('omni-ai:settings'))['omni-ai:settings'] as Stored;
      stored.state.providers.anthropic.apiKey = 'plain-key';
      await chrome.storage.local.set({ 'omni-ai:settings': stored });
    });
    await panel.getByRole('textbox', { name: 'Message' }).fill('Is my key sealed?');
    await extension.stopServiceWorker(panel);
    expect(await storedKey()).toBe('plain-key');

    await panel.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    await expect.poll(storedKey).toMatch(/^omni-ai-sealed:1:/);
  } finally {
    await anthropic.close();
  }
});

// jose is a script of its own (entrypoints/jose-sdk.ts), imported by the worker that installed and
// then on first need: a worker Chrome started again must still find it for a service account's
// assertion, the first thing a Vertex Send after the stop does (issue 13 §4).
test('a restarted worker signs a Vertex service account’s assertion with jose imported on first need', async ({ extension }) => {
  const { tokens, fields, close } = await startVertexWithServiceAccount();
  try {
    await configureProvider(await extension.openOptions(), 'Google Vertex AI', fields);
    const panel = await extension.openSidePanel();
    const box = panel.getByRole('textbox', { name: 'Message' });
    await box.fill('How many r in strawberry?');
    await extension.stopServiceWorker(panel);
    expect(tokens.requests).toHaveLength(0);
    await box.press('Enter');
    const answer = await lastAnswer(panel);
    await expect(answer.locator('.content')).toHaveText(RECORDED_TEXT.vertex.replaceAll('**', ''));
    expect(tokens.requests.map((r) => [r.grant, r.how])).toEqual([['urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion']]);
    // This worker imported jose's script for it and the SSE parser's for the answer, and no provider
    // SDK: Vertex's adapter needs none.
    const worker = await extension.serviceWorker();
    const imported = await worker.evaluate((name) => Object.keys((globalThis as unknown as Record<string, object>)[name] ?? {}), SDK_GLOBAL);
    expect(imported.sort()).toEqual(['eventsource', 'jose']);
  } finally {
    await close();
  }
});
