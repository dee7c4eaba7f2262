import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeOpenAI } from '../servers/fake-openai';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';

test('models are shown by their names, with the ID as tooltip and as what requests send', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({
    models: ['claude-sonnet-5-5', 'claude-opus-5-5'],
    credential: acceptKey('a'),
    displayNames: { 'claude-sonnet-5-5': 'Claude Sonnet 5.5', 'claude-opus-5-5': 'Claude Opus 5.5' },
  });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    const model = panel.getByRole('combobox', { name: 'Model' });
    await expect(model.locator('option')).toHaveText(['Claude Sonnet 5.5', 'Claude Opus 5.5']); // Anthropic's display_name
    await expect(model.getByRole('option', { name: 'Claude Opus 5.5' })).toHaveAttribute('title', 'claude-opus-5-5');
    await expect(panel.getByRole('searchbox', { name: 'Filter models' })).toHaveCount(0); // a short list needs none

    await model.selectOption({ label: 'Claude Opus 5.5' });
    await expect(model).toHaveValue('claude-opus-5-5');
    await expect(model).toHaveAttribute('title', 'claude-opus-5-5');
    await sendMessage(panel, 'Hi');
    await lastAnswer(panel);
    expect(anthropic.requests.filter((r) => r.method === 'POST').at(-1)!.body.model).toBe('claude-opus-5-5');

    // Bedrock's IDs, as the user configured them, named where omni-ai knows them.
    await configureProvider(options, 'AWS Bedrock', {
      Endpoint: 'https://bedrock-runtime.us-east-1.amazonaws.com',
      Models: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0\namazon.nova-pro-v1:0\narn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2',
      Authentication: 'Bedrock API key',
      'API key': 'k',
    });
    await expect(model.locator('option')).toHaveText([
      'Claude Sonnet 4.5 (US)',
      'Amazon Nova Pro',
      'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2',
    ]);
    await expect(model.getByRole('option', { name: 'Amazon Nova Pro' })).toHaveAttribute('title', 'amazon.nova-pro-v1:0');
  } finally {
    await anthropic.close();
  }
});

test('a long model list gets a filter that narrows the “Model” combobox', async ({ extension }) => {
  const chat = ['gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-4o', 'gpt-4o-mini', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'gpt-5.5', 'o3', 'o4-mini', 'chatgpt-4o-latest'];
  const openai = await startFakeOpenAI({ models: [...chat, 'text-embedding-3-large', 'whisper-1', 'gpt-image-1', 'tts-1'], credential: acceptKey('sk') });
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI', { 'API key': 'sk', 'Base URL': `${openai.url}/v1` });
    const panel = await extension.openSidePanel();
    const model = panel.getByRole('combobox', { name: 'Model' });
    await expect(model.locator('option')).toHaveCount(12); // chat models only
    await model.selectOption('gpt-5.5');

    const filter = panel.getByRole('searchbox', { name: 'Filter models' });
    await filter.fill('mini');
    // The matches, and the chosen model, which the combobox keeps showing until another is chosen.
    await expect(model.locator('option')).toHaveText(['gpt-4.1-mini', 'gpt-4o-mini', 'gpt-5-mini', 'gpt-5.5', 'o4-mini']);
    await expect(panel.getByText('4 of 12 models match.')).toBeAttached();
    await model.selectOption('o4-mini');
    await filter.fill('4o mini');
    await expect(model.locator('option')).toHaveText(['gpt-4o-mini', 'o4-mini']);
    await filter.fill('claude');
    await expect(panel.getByText('No model matches “claude”.')).toBeVisible();
    await expect(model.locator('option')).toHaveText(['o4-mini']);
    await filter.fill('');
    await expect(model.locator('option')).toHaveCount(12);

    await sendMessage(panel, 'Hi');
    await lastAnswer(panel);
    expect(openai.requests.filter((r) => r.method === 'POST').at(-1)!.body.model).toBe('o4-mini');
  } finally {
    await openai.close();
  }
});
