import path from 'node:path';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { chooseProvider, field } from './harness/pages';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

// The README's pictures, taken from the built extension so they never drift from what users see.
test('screenshots of the side panel and the options page for the README', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant') });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'sk-ant', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await panel.setViewportSize({ width: 400, height: 640 });
    await sendMessage(panel, 'Hi, how are you?');
    await expect((await lastAnswer(panel)).locator('.content')).not.toBeEmpty();
    await panel.screenshot({ path: path.join(SHOTS, 'side-panel.png') });

    await options.setViewportSize({ width: 760, height: 980 });
    await chooseProvider(options, 'Azure OpenAI');
    await field(options, 'Endpoint').fill('https://contoso.openai.azure.com');
    await field(options, 'Models').fill('gpt-4o-prod\ngpt-4o-mini-eval');
    await field(options, 'Token endpoint').fill('https://login.microsoftonline.com/contoso/oauth2/v2.0/token');
    await field(options, 'Client ID').fill('7f0c3b9e-omni-ai');
    await field(options, 'Client secret').fill('example-secret');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByRole('status')).toHaveText('Saved Azure OpenAI settings.');
    await options.screenshot({ path: path.join(SHOTS, 'options.png'), fullPage: true });
  } finally {
    await anthropic.close();
  }
});
