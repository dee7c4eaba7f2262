import type { Page } from 'puppeteer-core';
import { acceptKey, acceptTokensSignedBy } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeAzureOpenAI } from '../servers/fake-azure-openai';
import { RECORDED_TEXT } from '../servers/recorded';
import { startTokenServer } from '../servers/token-server';
import { expect, test } from './harness/fixtures';
import { answerOf, click, configureProvider, lastAnswer, messages, roleText, sendMessage } from './harness/ui';

// Firefox's MV3 background is an event page, not a service worker: Firefox stops it after 30 s
// idle, and the next event (a message, an alarm) loads it again with empty memory. The gateway's
// tokens in storage.session and its alarms must carry across, as they do in Chrome.

/** When the current background page started; asking wakes it if it is stopped. */
function backgroundStartedAt(extensionPage: Page): Promise<number> {
  return extensionPage.evaluate(async () => {
    const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage: () => Promise<Window> } } }).browser;
    return (await api.runtime.getBackgroundPage()).performance.timeOrigin;
  });
}

async function azureWithTokens(expiresIn: number) {
  const tokens = await startTokenServer({ clients: { 'omni-e2e': 'azure-secret' }, expiresIn });
  const azure = await startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], bearer: acceptTokensSignedBy(tokens.jwks) });
  return { tokens, azure, close: () => Promise.all([tokens.close(), azure.close()]) };
}

async function configureAzure(options: Page, s: Awaited<ReturnType<typeof azureWithTokens>>): Promise<void> {
  await configureProvider(options, 'Azure OpenAI', {
    Endpoint: s.azure.url,
    Models: 'gpt-4o-prod',
    'Token endpoint': s.tokens.tokenEndpoint,
    'Client ID': 'omni-e2e',
    'Client secret': 'azure-secret',
  });
}

async function testConnection(options: Page): Promise<string> {
  await click(options, 'button', 'Test connection');
  await expect.poll(() => roleText(options, 'status')).not.toMatch(/^(Testing the connection|Saved)/);
  return roleText(options, 'status');
}

test('a background page that Firefox stops picks its token back up: no new token request', async ({ extension }) => {
  const s = await azureWithTokens(3600);
  try {
    const options = await extension.openOptions();
    await configureAzure(options, s);
    expect(await testConnection(options)).toBe('Connected to Azure OpenAI: the deployment gpt-4o-prod answered.');
    const before = await backgroundStartedAt(options);

    await extension.terminateBackground();
    expect(await testConnection(options)).toBe('Connected to Azure OpenAI: the deployment gpt-4o-prod answered.');
    expect(await backgroundStartedAt(options)).not.toBe(before); // a new background, with empty memory, answered
    expect(s.tokens.requests).toHaveLength(1);
    expect(s.azure.requests).toHaveLength(2);
    expect(s.azure.requests[1]!.bearer).toBe(s.azure.requests[0]!.bearer);
  } finally {
    await s.close();
  }
});

test('the refresh alarm wakes a stopped background page, which refreshes the token before it expires', async ({ extension }) => {
  // 16 s tokens are refreshed at half their life (8 s).
  const s = await azureWithTokens(16);
  try {
    const options = await extension.openOptions();
    await configureAzure(options, s);
    expect(await testConnection(options)).toMatch(/^Connected/);
    const before = await backgroundStartedAt(options);
    await extension.terminateBackground();

    // Nothing but the alarm can start the background and ask for a token now.
    await expect.poll(() => s.tokens.requests.length, { timeout: 20_000 }).toBe(2);
    expect(s.azure.requests).toHaveLength(1);
    expect(await backgroundStartedAt(options)).not.toBe(before);

    // The refreshed token is what the next request carries, without waiting on the token endpoint.
    expect(await testConnection(options)).toMatch(/^Connected/);
    expect(s.tokens.requests).toHaveLength(2);
    expect(s.azure.requests[1]!.bearer).not.toBe(s.azure.requests[0]!.bearer);
  } finally {
    await s.close();
  }
});

test('a conversation is kept across a background restart, and the next answer gets its whole history', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi, how are you?');
    expect((await lastAnswer(panel)).text).toBe(RECORDED_TEXT.anthropic);

    await extension.terminateBackground();
    await sendMessage(panel, 'And tomorrow?');
    expect(await lastAnswer(panel)).toEqual({ name: 'Anthropic · claude-sonnet-5-5', text: RECORDED_TEXT.anthropic, alert: '' });
    expect(anthropic.requests.filter((r) => r.path === '/v1/messages').at(-1)!.body.messages).toEqual([
      { role: 'user', content: 'Hi, how are you?' },
      { role: 'assistant', content: RECORDED_TEXT.anthropic },
      { role: 'user', content: 'And tomorrow?' },
    ]);

    // A panel opened now shows the whole conversation, from what the background stored.
    const reopened = await extension.openSidePanel();
    await expect.poll(async () => (await messages(reopened)).length).toBe(4);
    expect(await Promise.all((await messages(reopened)).map(answerOf))).toEqual([
      { name: 'You', text: 'Hi, how are you?', alert: '' },
      { name: 'Anthropic · claude-sonnet-5-5', text: RECORDED_TEXT.anthropic, alert: '' },
      { name: 'You', text: 'And tomorrow?', alert: '' },
      { name: 'Anthropic · claude-sonnet-5-5', text: RECORDED_TEXT.anthropic, alert: '' },
    ]);
  } finally {
    await anthropic.close();
  }
});

test('an answer cut off when Firefox stops the background says so, and Retry asks again', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a'), behaviour: { mode: 'hang' } });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi, how are you?');
    await expect.poll(async () => (await answerOf((await messages(panel)).at(-1)!)).text).toContain('Hello');

    await extension.terminateBackground(); // the run dies with the background
    const interrupted = 'This answer was interrupted when omni-ai’s background worker stopped. Press Retry to ask again.';
    await expect.poll(() => roleText(panel, 'alert')).toBe(`${interrupted}Retry`);

    anthropic.behaviour.mode = 'ok';
    await click(panel, 'button', 'Retry');
    expect(await lastAnswer(panel)).toEqual({ name: 'Anthropic · claude-sonnet-5-5', text: RECORDED_TEXT.anthropic, alert: '' });
  } finally {
    await anthropic.close();
  }
});

test('a stream longer than the background page’s idle timeout completes', async ({ extension }) => {
  test.setTimeout(150_000);
  // Firefox stops an event page after this long without extension events or API calls (the pref is
  // unset by default: 30 s, in ext-backgroundPage.js).
  const idleMs = await extension.chrome<number>(`return Services.prefs.getIntPref('extensions.background.idle.timeout', 30000);`);
  const anthropic = await startFakeAnthropic({
    models: ['claude-sonnet-5-5'],
    credential: acceptKey('a'),
    behaviour: { mode: 'ok', durationMs: idleMs + 15_000 },
  });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    const started = Date.now();
    await sendMessage(panel, 'Hi, how are you?');
    await expect
      .poll(async () => (await messages(panel)).at(-1)?.evaluate((el) => el.getAttribute('aria-busy')), { timeout: idleMs + 60_000 })
      .toBe('false');
    expect(Date.now() - started).toBeGreaterThan(idleMs + 10_000);
    expect(await lastAnswer(panel)).toEqual({ name: 'Anthropic · claude-sonnet-5-5', text: RECORDED_TEXT.anthropic, alert: '' });
  } finally {
    await anthropic.close();
  }
});
