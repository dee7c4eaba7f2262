import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { RECORDED_TEXT } from '../servers/recorded';
import { expect, test } from './harness/fixtures';
import { EXTENSION_ORIGIN } from './harness/launch';
import { configureProvider, lastAnswer, sendMessage } from './harness/ui';

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
