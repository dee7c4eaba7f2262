import type { Page } from 'puppeteer-core';
import { serviceAccountKey } from '../servers/vertex-service-account';
import { expect, test } from './harness/fixtures';
import { chooseProvider, click, configureProvider, field, fill, roleText } from './harness/ui';

// Every provider's form on Firefox's options page: filled by label, saved, and shown again from
// storage in a page opened afterwards.

async function values(options: Page, provider: string, labels: string[]): Promise<Record<string, string>> {
  await chooseProvider(options, provider);
  const shown: Record<string, string> = {};
  for (const label of labels)
    shown[label] = await (await field(options, label)).evaluate((el) => {
      const control = el as HTMLInputElement | HTMLSelectElement;
      return control instanceof HTMLSelectElement ? control.selectedOptions[0]!.text : control.value;
    });
  return shown;
}

test('each provider’s form saves, and a page opened later shows what was saved', async ({ extension }) => {
  test.setTimeout(120_000);
  const forms: Record<string, Record<string, string>> = {
    OpenAI: { 'API key': 'sk-openai', 'Base URL': 'https://proxy.example.com/v1' },
    Anthropic: { 'API key': 'sk-ant', 'Base URL': 'https://claude-proxy.example.com' },
    'Azure OpenAI': {
      Endpoint: 'https://contoso.openai.azure.com',
      Models: 'gpt-4o-prod',
      'Token endpoint': 'https://login.microsoftonline.com/contoso/oauth2/v2.0/token',
      'Client ID': 'azure-app',
      'Client secret': 'azure-secret',
      Scope: 'https://cognitiveservices.azure.com/.default',
    },
    'AWS Bedrock': {
      Region: 'eu-west-1',
      Endpoint: 'https://bedrock-gateway.example.com',
      Models: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
      'Token endpoint': 'https://idp.example.com/oauth2/token',
      'Client ID': 'bedrock-app',
      'Client secret': 'bedrock-secret',
      'Client authentication': 'In the request body (client_secret_post)',
    },
    'Google Vertex AI': {
      'Project ID': 'omni-proj',
      Location: 'us-central1',
      Models: 'gemini-2.5-pro',
      'Service account key': await serviceAccountKey(),
    },
    'OpenAI-compatible': { 'Base URL': 'http://127.0.0.1:11434/v1', 'API key': 'local-key', Models: 'llama3.3' },
  };
  const options = await extension.openOptions();
  for (const [provider, fields] of Object.entries(forms)) await configureProvider(options, provider, fields);

  const later = await extension.openOptions();
  for (const [provider, fields] of Object.entries(forms))
    expect(await values(later, provider, Object.keys(fields)), provider).toEqual(fields);
});

test('Save names each wrong field and saves nothing until all of it is right', async ({ extension }) => {
  const options = await extension.openOptions();
  await chooseProvider(options, 'Azure OpenAI');
  await fill(await field(options, 'Endpoint'), 'http://contoso.openai.azure.com');
  await fill(await field(options, 'Models'), 'gpt-4o-prod');
  await click(options, 'button', 'Save');
  await expect.poll(() => roleText(options, 'status')).toBe('Not saved. Fix Endpoint, Token endpoint, Client ID, Client secret.');

  const later = await extension.openOptions();
  expect(await values(later, 'Azure OpenAI', ['Endpoint', 'Models'])).toEqual({ Endpoint: '', Models: '' });
});
