import type { Page } from '@playwright/test';
import { exportPKCS8, generateKeyPair } from 'jose';
import { acceptKey, acceptTokensSignedBy } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeAzureOpenAI } from '../servers/fake-azure-openai';
import { startFakeBedrock } from '../servers/fake-bedrock';
import { startFakeOpenAI } from '../servers/fake-openai';
import { startFakeVertex } from '../servers/fake-vertex';
import { startTokenServer } from '../servers/token-server';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { field } from './harness/pages';

// The generation settings of each provider's form, as each provider's own API receives them.

const CUSTOM = { Temperature: '0.3', 'Maximum output tokens': '1000' };

/** Picks the model in the header and asks; the answer must come without an alert. */
async function ask(panel: Page, model?: string) {
  if (model) await panel.getByRole('combobox', { name: 'Model' }).selectOption(model);
  await sendMessage(panel, 'Capital of France?');
  await expect((await lastAnswer(panel)).getByRole('alert')).toHaveCount(0);
}

test('OpenAI: the defaults where a model takes them (no temperature for a reasoning model), and what the user sets', async ({ extension }) => {
  const openai = await startFakeOpenAI({ models: ['gpt-5.5', 'gpt-4.1'], reasoning: ['gpt-5.5'], credential: acceptKey('sk') });
  try {
    const options = await extension.openOptions();
    const panel = await extension.openSidePanel();
    await configureProvider(options, 'OpenAI', { 'API key': 'sk', 'Base URL': `${openai.url}/v1` });
    await ask(panel, 'gpt-5.5');
    await ask(panel, 'gpt-4.1');
    const chats = () => openai.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body);
    expect(chats()).toEqual([
      expect.objectContaining({ model: 'gpt-5.5', max_completion_tokens: 4096 }),
      expect.objectContaining({ model: 'gpt-4.1', temperature: 0.7, max_completion_tokens: 4096 }),
    ]);
    expect(chats()[0]).not.toHaveProperty('temperature');

    // Set on the form: reasoning effort goes to the reasoning model only (a chat model refuses it).
    await configureProvider(options, 'OpenAI', { ...CUSTOM, 'Reasoning effort': 'High' });
    await ask(panel, 'gpt-5.5');
    await ask(panel, 'gpt-4.1');
    expect(chats().slice(2)).toEqual([
      expect.objectContaining({ model: 'gpt-5.5', max_completion_tokens: 1000, reasoning_effort: 'high' }),
      expect.objectContaining({ model: 'gpt-4.1', max_completion_tokens: 1000, temperature: 0.3 }),
    ]);
    expect(chats()[2]).not.toHaveProperty('temperature');
    expect(chats()[3]).not.toHaveProperty('reasoning_effort');
  } finally {
    await openai.close();
  }
});

test('Anthropic and compatible servers: max_tokens, a temperature only for models that take one, effort as output_config', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5', 'claude-sonnet-4-6'], noTemperature: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant') });
  const compatible = await startFakeOpenAI({ models: ['llama3.3'] });
  try {
    const options = await extension.openOptions();
    const panel = await extension.openSidePanel();
    await configureProvider(options, 'Anthropic', { 'API key': 'sk-ant', 'Base URL': anthropic.url, ...CUSTOM, 'Reasoning effort': 'Low' });
    await ask(panel, 'claude-sonnet-5-5');
    await ask(panel, 'claude-sonnet-4-6');
    const messages = anthropic.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body);
    expect(messages).toEqual([
      expect.objectContaining({ model: 'claude-sonnet-5-5', max_tokens: 1000, output_config: { effort: 'low' } }),
      expect.objectContaining({ model: 'claude-sonnet-4-6', max_tokens: 1000, temperature: 0.3, output_config: { effort: 'low' } }),
    ]);
    expect(messages[0]).not.toHaveProperty('temperature');

    // A compatible server: max_tokens, which older servers know; an empty field is not sent at all.
    await configureProvider(options, 'OpenAI-compatible', { 'Base URL': `${compatible.url}/v1`, Models: 'llama3.3', Temperature: '', 'Maximum output tokens': '256' });
    await ask(panel);
    expect(compatible.requests.at(-1)!.body).toMatchObject({ max_tokens: 256 });
    expect(compatible.requests.at(-1)!.body).not.toHaveProperty('temperature');
    expect(compatible.requests.at(-1)!.body).not.toHaveProperty('reasoning_effort');
  } finally {
    await Promise.all([anthropic.close(), compatible.close()]);
  }
});

test('Azure, Bedrock and Vertex get them in their own formats: chat completions, Converse inferenceConfig, generationConfig', async ({ extension }) => {
  const azure = await startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], apiKey: acceptKey('az') });
  const bedrockModel = 'us.amazon.nova-pro-v1:0';
  const bedrock = await startFakeBedrock({ models: [bedrockModel], credential: acceptKey('br') });
  const tokens = await startTokenServer({ clients: {}, expiresIn: 3600 });
  const vertex = await startFakeVertex({ project: 'p', location: 'us-central1', models: ['gemini-2.5-pro'], credential: acceptTokensSignedBy(tokens.jwks) });
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const key = { type: 'service_account', private_key: await exportPKCS8(privateKey), client_email: 'bot@p.iam.gserviceaccount.com', token_uri: tokens.tokenEndpoint };
  try {
    const options = await extension.openOptions();
    const panel = await extension.openSidePanel();

    await configureProvider(options, 'Azure OpenAI', {
      Endpoint: azure.url,
      Models: 'gpt-4o-prod',
      Authentication: 'API key',
      'API key': 'az',
      ...CUSTOM,
    });
    await ask(panel);
    expect(azure.requests.at(-1)!.body).toMatchObject({ temperature: 0.3, max_completion_tokens: 1000 });
    expect(azure.requests.at(-1)!.body).not.toHaveProperty('reasoning_effort');

    await configureProvider(options, 'AWS Bedrock', { Endpoint: bedrock.url, Models: bedrockModel, Authentication: 'Bedrock API key', 'API key': 'br', ...CUSTOM });
    await ask(panel);
    expect(bedrock.requests.at(-1)!.body).toMatchObject({ inferenceConfig: { maxTokens: 1000, temperature: 0.3 } });

    await configureProvider(options, 'Google Vertex AI', {
      'Project ID': 'p',
      'Base URL': vertex.url,
      Models: 'gemini-2.5-pro',
      'Service account key': JSON.stringify(key),
      ...CUSTOM,
      'Reasoning effort': 'High',
    });
    await ask(panel);
    expect(vertex.requests.at(-1)!.body).toMatchObject({
      generationConfig: { temperature: 0.3, maxOutputTokens: 1000, thinkingConfig: { thinkingBudget: 24576 } },
    });
  } finally {
    await Promise.all([azure.close(), bedrock.close(), tokens.close(), vertex.close()]);
  }
});

test('a model that refuses a setting says which field to change, and where; cleared, Retry answers', async ({ extension }) => {
  // An Azure deployment named "chat-prod" that runs a reasoning model: its name cannot tell omni-ai.
  const azure = await startFakeAzureOpenAI({ deployments: ['chat-prod'], reasoning: ['chat-prod'], apiKey: acceptKey('az') });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Azure OpenAI', { Endpoint: azure.url, Models: 'chat-prod', Authentication: 'API key', 'API key': 'az' });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Capital of France?');
    const alert = (await lastAnswer(panel)).getByRole('alert');
    await expect(alert).toContainText(
      'Azure OpenAI rejected the request (HTTP 400). Azure OpenAI said: “Unsupported value: \'temperature\' does not support 0.7 with this model. Only the default (1) value is supported.”',
    );
    await expect(alert).toContainText(
      'The model does not take this “Temperature”: change it, or clear it so it is not sent, in omni-ai’s options (Azure OpenAI, under Generation); then press Retry.',
    );

    await field(options, 'Temperature').fill('');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByRole('status')).toHaveText('Saved Azure OpenAI settings.');
    await panel.getByRole('button', { name: 'Retry' }).click();
    await expect((await lastAnswer(panel)).getByRole('alert')).toHaveCount(0);
    expect(azure.requests.at(-1)!.body).not.toHaveProperty('temperature');
  } finally {
    await azure.close();
  }
});
