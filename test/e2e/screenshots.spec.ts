import path from 'node:path';
import { acceptKey } from '../servers/auth-check';
import { startFakeOpenAI } from '../servers/fake-openai';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { chooseProvider, field } from './harness/pages';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

const REPLY = [
  'A debounce waits until the calls stop for a moment, then runs once:',
  '',
  '```ts',
  'export function debounce<T extends unknown[]>(fn: (...args: T) => void, ms = 300) {',
  '  let timer: ReturnType<typeof setTimeout> | undefined;',
  '  return (...args: T) => {',
  '    clearTimeout(timer);',
  '    timer = setTimeout(() => fn(...args), ms);',
  '  };',
  '}',
  '```',
  '',
  '- **Search boxes**: query once the user stops typing.',
  '- **Resize handlers**: lay out once, not on every pixel.',
].join('\n');

// The README's pictures, taken from the built extension so they never drift from what users see:
// the side panel in light and dark, its first screen, and the options page.
test('screenshots of the side panel (light, dark, first screen) and the options page for the README', async ({ extension }) => {
  const openai = await startFakeOpenAI({ models: ['gpt-5.5', 'gpt-5.4-mini'], credential: acceptKey('sk'), reply: REPLY });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'OpenAI', { 'API key': 'sk', 'Base URL': `${openai.url}/v1` });
    const panel = await extension.openSidePanel();
    await panel.setViewportSize({ width: 400, height: 680 });
    await panel.getByRole('combobox', { name: 'Model' }).selectOption('gpt-5.5');
    await expect(panel.getByRole('group', { name: 'Suggestions' })).toBeVisible();
    await panel.screenshot({ path: path.join(SHOTS, 'side-panel-start.png') });

    await sendMessage(panel, 'Write a debounce helper in TypeScript');
    await lastAnswer(panel);
    await panel.getByRole('button', { name: 'Regenerate', exact: true }).click();
    await expect((await lastAnswer(panel)).getByRole('group', { name: 'Versions' })).toContainText('Version 2 of 2');
    await panel.mouse.move(0, 0); // no hover, no tooltip
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      await panel.screenshot({ path: path.join(SHOTS, scheme === 'light' ? 'side-panel.png' : 'side-panel-dark.png') });
    }

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
    await openai.close();
  }
});
