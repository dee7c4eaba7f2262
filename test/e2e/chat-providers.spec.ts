import { startAzureWithClientCredentials } from '../servers/azure-client-credentials';
import { acceptKey, acceptTokensSignedBy } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeBedrock } from '../servers/fake-bedrock';
import { startFakeOpenAI } from '../servers/fake-openai';
import { RECORDED_TEXT } from '../servers/recorded';
import { startTokenServer } from '../servers/token-server';
import { startVertexWithServiceAccount } from '../servers/vertex-service-account';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';

// Each provider, configured through the options page, answers in the side panel with its recorded
// stream, served by a fake that speaks the provider's wire format.

test('OpenAI, with its live model list and the system prompt', async ({ extension }) => {
  const server = await startFakeOpenAI({
    models: ['gpt-5.5', 'gpt-7-preview', 'text-embedding-3-large'],
    credential: acceptKey('sk-e2e'),
  });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'OpenAI', { 'API key': 'sk-e2e', 'Base URL': `${server.url}/v1` });
    await options.getByLabel('System prompt').fill('Answer in one sentence.');
    await options.getByRole('button', { name: 'Save chat settings' }).click();
    await expect(options.getByText('Chat settings saved.')).toBeVisible();

    const panel = await extension.openSidePanel();
    // The API's own list (chat models only) replaces the curated one.
    await expect(panel.getByRole('combobox', { name: 'Model' }).locator('option')).toHaveText(['gpt-5.5', 'gpt-7-preview']);
    await panel.getByRole('combobox', { name: 'Model' }).selectOption('gpt-7-preview');
    server.requests.length = 0;
    await sendMessage(panel, 'What is the capital of France?');
    const answer = await lastAnswer(panel);
    await expect(answer).toHaveAccessibleName('OpenAI · gpt-7-preview');
    await expect(answer.locator('.content')).toHaveText(RECORDED_TEXT.azure);
    expect(server.requests.at(-1)!.body).toMatchObject({
      model: 'gpt-7-preview',
      messages: [
        { role: 'system', content: 'Answer in one sentence.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
    });
  } finally {
    await server.close();
  }
});

test('Anthropic', async ({ extension }) => {
  const server = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant-e2e') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'sk-ant-e2e', 'Base URL': server.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi, how are you?');
    const answer = await lastAnswer(panel);
    await expect(answer).toHaveAccessibleName('Anthropic · claude-sonnet-5-5');
    await expect(answer.locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    // A real browser origin: the fake refuses it without Anthropic's direct-browser-access header.
    expect(server.requests.at(-1)!.headers.origin).toBe(`chrome-extension://${extension.extensionId}`);
  } finally {
    await server.close();
  }
});

test('OpenAI-compatible', async ({ extension }) => {
  const server = await startFakeOpenAI({ models: ['llama3.3'] });
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI-compatible', {
      'Base URL': `${server.url}/v1`,
      'Custom headers': 'X-Team: research',
      Models: 'llama3.3',
    });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Capital of France?');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.azure);
    expect(server.requests.at(-1)!.headers['x-team']).toBe('research');
  } finally {
    await server.close();
  }
});

test('Azure OpenAI with an Entra-style token from the OAuth2 server', async ({ extension }) => {
  const { tokens, azure, fields, close } = await startAzureWithClientCredentials();
  try {
    await configureProvider(await extension.openOptions(), 'Azure OpenAI', fields);
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Capital of France?');
    const answer = await lastAnswer(panel);
    await expect(answer).toHaveAccessibleName('Azure OpenAI · gpt-4o-prod');
    await expect(answer.locator('.content')).toHaveText(RECORDED_TEXT.azure);
    expect(azure.requests.at(-1)).toMatchObject({ path: '/openai/deployments/gpt-4o-prod/chat/completions', apiVersion: '2024-10-21' });
    expect(tokens.requests).toHaveLength(1);
  } finally {
    await close();
  }
});

test('AWS Bedrock through a gateway that takes bearer tokens', async ({ extension }) => {
  const tokens = await startTokenServer({ clients: { 'bedrock-app': 'bedrock-secret' }, expiresIn: 3600 });
  const model = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const bedrock = await startFakeBedrock({ models: [model], credential: acceptTokensSignedBy(tokens.jwks) });
  try {
    await configureProvider(await extension.openOptions(), 'AWS Bedrock', {
      Endpoint: bedrock.url,
      Models: model,
      'Token endpoint': tokens.tokenEndpoint,
      'Client ID': 'bedrock-app',
      'Client secret': 'bedrock-secret',
      'Client authentication': 'In the request body (client_secret_post)',
    });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'How many r in strawberry?');
    const answer = await lastAnswer(panel);
    await expect(answer).toHaveAccessibleName(`AWS Bedrock · ${model}`);
    // Rendered as Markdown: the recorded **bold** shows as bold.
    await expect(answer.locator('.content')).toHaveText(RECORDED_TEXT.bedrock.replaceAll('**', ''));
    await expect(answer.locator('.content strong').first()).toHaveText('r');
    expect(tokens.requests.map((r) => r.how)).toEqual(['body']);
  } finally {
    await Promise.all([tokens.close(), bedrock.close()]);
  }
});

test('Google Vertex AI with a service-account key (JWT-bearer grant)', async ({ extension }) => {
  const { tokens, fields, close } = await startVertexWithServiceAccount();
  try {
    await configureProvider(await extension.openOptions(), 'Google Vertex AI', fields);
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'How many r in strawberry?');
    const answer = await lastAnswer(panel);
    await expect(answer).toHaveAccessibleName('Google Vertex AI · gemini-2.5-pro');
    await expect(answer.locator('.content')).toHaveText(RECORDED_TEXT.vertex.replaceAll('**', ''));
    await expect(answer.locator('.content strong').first()).toHaveText('3');
    expect(tokens.requests.map((r) => [r.grant, r.how])).toEqual([['urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion']]);
  } finally {
    await close();
  }
});
