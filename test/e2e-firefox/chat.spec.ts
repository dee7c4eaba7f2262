import { startAzureWithClientCredentials } from '../servers/azure-client-credentials';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeOpenAI } from '../servers/fake-openai';
import { RECORDED_TEXT } from '../servers/recorded';
import { startVertexWithServiceAccount } from '../servers/vertex-service-account';
import { expect, test } from './harness/fixtures';
import { EXTENSION_ORIGIN } from './harness/launch';
import {
  answerOf,
  byRole,
  chooseProvider,
  click,
  configureProvider,
  lastAnswer,
  messages,
  normalized,
  sendMessage,
} from './harness/ui';

// The side panel's chat in Firefox, against the same loopback fakes as the Chromium suite. The
// panel is opened as a tab here; the sidebar itself is tested in sidebar.spec.ts.

test('Anthropic, configured on the options page, streams its answer into the side panel', async ({ extension }) => {
  const server = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant-e2e') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'sk-ant-e2e', 'Base URL': server.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi, how are you?');
    expect(await lastAnswer(panel)).toEqual({ name: 'Anthropic · claude-sonnet-5-5', text: RECORDED_TEXT.anthropic, alert: '' });
    // Firefox's own extension origin: the fake refuses it without Anthropic's direct-browser-access header.
    expect(server.requests.at(-1)!.headers.origin).toBe(EXTENSION_ORIGIN);
  } finally {
    await server.close();
  }
});

test('Azure OpenAI with a token from the OAuth2 server streams its answer', async ({ extension }) => {
  const { tokens, azure, fields, close } = await startAzureWithClientCredentials();
  try {
    await configureProvider(await extension.openOptions(), 'Azure OpenAI', fields);
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Capital of France?');
    expect(await lastAnswer(panel)).toEqual({ name: 'Azure OpenAI · gpt-4o-prod', text: RECORDED_TEXT.azure, alert: '' });
    expect(azure.requests.at(-1)).toMatchObject({ path: '/openai/deployments/gpt-4o-prod/chat/completions', apiVersion: '2024-10-21' });
    expect(azure.requests.at(-1)!.bearer).toMatch(/^ey/);
    expect(tokens.requests.map((r) => [r.grant, r.clientId, r.how])).toEqual([['client_credentials', 'azure-app', 'basic']]);
  } finally {
    await close();
  }
});

test('Google Vertex AI with a service-account key: the assertion is signed in Firefox’s background (JWT-bearer grant)', async ({
  extension,
}) => {
  // As the options test that pastes a key: a 2 KB key typed into the form and an RSA signature, on
  // top of Firefox's start, took 50 s alone at a load average of 25 on two cores.
  test.setTimeout(120_000);
  const { tokens, fields, close } = await startVertexWithServiceAccount();
  try {
    await configureProvider(await extension.openOptions(), 'Google Vertex AI', fields);
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'How many r in strawberry?');
    expect(await lastAnswer(panel)).toEqual({
      name: 'Google Vertex AI · gemini-2.5-pro',
      text: normalized(RECORDED_TEXT.vertex.replaceAll('**', '')),
      alert: '',
    });
    expect(tokens.requests.map((r) => [r.grant, r.how])).toEqual([['urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion']]);
  } finally {
    await close();
  }
});

test('switching provider between two messages: the next answer comes from the new one, with the history', async ({
  extension,
}) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  const openai = await startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('o') });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    await configureProvider(options, 'OpenAI', { 'API key': 'o', 'Base URL': `${openai.url}/v1` });
    await chooseProvider(options, 'Anthropic');

    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi, how are you?');
    expect((await lastAnswer(panel)).name).toBe('Anthropic · claude-sonnet-5-5');

    // The options tab changes the provider; the panel, in another tab, follows through storage.onChanged.
    await chooseProvider(options, 'OpenAI');
    await expect.poll(async () => (await byRole(panel, 'combobox', 'Model')).evaluate((el) => (el as HTMLSelectElement).value)).toBe('gpt-5.5');
    await sendMessage(panel, 'And the capital of France?');
    expect(await lastAnswer(panel)).toEqual({ name: 'OpenAI · gpt-5.5', text: RECORDED_TEXT.azure, alert: '' });

    // The first answer still says who wrote it, and OpenAI got the whole conversation.
    expect(await answerOf((await messages(panel))[1]!)).toMatchObject({ name: 'Anthropic · claude-sonnet-5-5', text: RECORDED_TEXT.anthropic });
    expect(openai.requests.at(-1)!.body.messages).toEqual([
      { role: 'user', content: 'Hi, how are you?' },
      { role: 'assistant', content: RECORDED_TEXT.anthropic },
      { role: 'user', content: 'And the capital of France?' },
    ]);
    expect(anthropic.requests.filter((r) => r.path === '/v1/messages')).toHaveLength(1);
  } finally {
    await Promise.all([anthropic.close(), openai.close()]);
  }
});

test('Stop closes the upstream request and keeps what was written', async ({ extension }) => {
  const server = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a'), behaviour: { mode: 'hang' } });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': server.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi');
    // Half the recorded stream arrives, then the provider goes quiet.
    const partial = "Hello! I'm doing well, thank you for asking";
    await expect.poll(async () => (await answerOf((await messages(panel)).at(-1)!)).text).toBe(partial);
    await click(panel, 'button', 'Stop');

    const answer = await lastAnswer(panel);
    expect(answer.text).toBe(partial);
    expect(await (await messages(panel)).at(-1)!.evaluate((el) => el.textContent)).toContain('Stopped.');
    await expect.poll(() => server.log.closedByClient).toBe(1); // the provider saw the connection close
    expect(answer.alert).toBe('');
    await byRole(panel, 'button', 'Send');
  } finally {
    await server.close();
  }
});

test('a long code block streams with the log keeping to its end, its finished slices skipped off-screen, its text the code', async ({ extension }) => {
  // Issue 13 target 1: the slices' blocks with content-visibility (theme.css .code-slice) and the
  // log following its end from a ResizeObserver (MessageLog.tsx), in Firefox's layout.
  const code = Array.from({ length: 300 }, (_, i) => `const line${i} = compute(${i}, "text ${i}"); // note ${i}`).join('\n');
  const reply = `Here is the file:\n\n\`\`\`ts\n${code}\n\`\`\`\n\nThat is all.`;
  const server = await startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk'), reply, behaviour: { mode: 'ok', durationMs: 3_000 } });
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI', { 'API key': 'sk', 'Base URL': `${server.url}/v1` });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'The whole file, please');
    const log = await byRole(panel, 'log', 'Conversation');
    const belowView = () => log.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    // While it streams, its growing end is in view.
    await expect.poll(() => log.evaluate((el) => el.textContent!.includes('// note 150'))).toBe(true);
    expect(await belowView()).toBeLessThan(41);
    expect((await lastAnswer(panel)).text).toContain('That is all.');
    await expect.poll(belowView).toBeLessThan(41);
    const block = await log.evaluate((el) => {
      const shown = el.querySelector('pre > code')!;
      return { text: shown.textContent, slices: shown.querySelectorAll('.code-slice').length };
    });
    // What the copy button copies is the code. (Whether Firefox skips the slices off-screen is not
    // asserted: its checkVisibility({contentVisibilityAuto}) called one 4,000 px away not skipped.)
    expect(block).toEqual({ text: code, slices: 9 });
  } finally {
    await server.close();
  }
});
