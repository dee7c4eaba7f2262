import type { Page } from '@playwright/test';
import { acceptKey, acceptTokensSignedBy } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeAzureOpenAI } from '../servers/fake-azure-openai';
import { startFakeOpenAI } from '../servers/fake-openai';
import { startRedirector } from '../servers/redirector';
import { startTokenServer } from '../servers/token-server';
import { sendMessage } from './harness/chat';
import { configureAzureOAuth, configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { field } from './harness/pages';

// Issue 10 §4: no credential follows a redirect. Each redirect here crosses origins (another
// loopback port) and points at a real server in the provider's wire format, which would accept the
// credential: it must see nothing at all.

const CLIENT = { id: 'omni-e2e', secret: 'correct~secret+/=' };

async function testConnection(options: Page) {
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status')).not.toHaveText(/Testing the connection/);
  return options.getByRole('status');
}

test('a token endpoint that answers 307: Test connection names it, and the token server it points to sees nothing', async ({
  extension,
}) => {
  const tokens = await startTokenServer({ clients: { [CLIENT.id]: CLIENT.secret }, expiresIn: 3600 });
  const redirector = await startRedirector({ to: tokens.issuer, status: 307 });
  const azure = await startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], bearer: acceptTokensSignedBy(tokens.jwks) });
  try {
    const options = await extension.openOptions();
    await configureAzureOAuth(options, {
      endpoint: azure.url,
      tokenEndpoint: `${redirector.url}/token`,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      deployments: ['gpt-4o-prod'],
    });
    await expect(await testConnection(options)).toHaveText(
      `The token endpoint ${redirector.url}/token answered with a redirect. omni-ai does not follow it: the request carries your client secret or signed assertion, which must go only to the token endpoint you entered. What to do: enter the final token URL, the one the redirect leads to, in “Token endpoint”.`,
    );
    await expect(options.getByRole('region', { name: 'Token' })).toContainText('answered with a redirect');
    expect(redirector.requests.map((r) => [r.method, r.path, r.headers.authorization?.split(' ')[0]])).toEqual([['POST', '/token', 'Basic']]);
    expect(tokens.requests).toEqual([]);
    expect(azure.requests).toEqual([]);

    // What the message says to do works.
    await field(options, 'Token endpoint').fill(tokens.tokenEndpoint);
    await expect(await testConnection(options)).toHaveText('Connected to Azure OpenAI: the deployment gpt-4o-prod answered.');
    expect(tokens.requests).toHaveLength(1);
  } finally {
    await Promise.all([tokens.close(), redirector.close(), azure.close()]);
  }
});

test('an OpenAI-compatible server that redirects: the custom header carrying the key never reaches the other origin', async ({
  extension,
}) => {
  const elsewhere = await startFakeOpenAI({ models: ['llama3.3'] });
  const redirector = await startRedirector({ to: elsewhere.url, status: 307 });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'OpenAI-compatible', {
      'Base URL': `${redirector.url}/v1`,
      'Custom headers': 'X-Corp-Key: corp-secret',
      Models: 'llama3.3',
    });
    await expect(await testConnection(options)).toHaveText(
      `OpenAI-compatible at ${redirector.url}/v1/models answered with a redirect. omni-ai does not follow redirects with your credentials: a redirect could take them to another site. What to do: enter the final URL, the one the redirect leads to, in “Base URL”.`,
    );

    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Capital of France?');
    await expect(panel.getByRole('alert')).toContainText(
      `OpenAI-compatible at ${redirector.url}/v1/chat/completions answered with a redirect. omni-ai does not follow redirects with your credentials`,
    );
    await expect(panel.getByRole('alert')).toContainText('in “Base URL”.');
    expect(redirector.requests.map((r) => [r.method, r.path, r.headers['x-corp-key']])).toEqual([
      ['GET', '/v1/models', 'corp-secret'],
      ['POST', '/v1/chat/completions', 'corp-secret'],
    ]);
    expect(elsewhere.requests).toEqual([]);
  } finally {
    await Promise.all([elsewhere.close(), redirector.close()]);
  }
});

test('an Anthropic base URL that redirects: the answer’s alert names it, and the other origin never sees the key', async ({
  extension,
}) => {
  const elsewhere = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant-secret') });
  const redirector = await startRedirector({ to: elsewhere.url, status: 308 });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'sk-ant-secret', 'Base URL': redirector.url });
    // The check sends the key as x-api-key, which a browser would carry across origins.
    await expect(await testConnection(options)).toHaveText(
      `Anthropic at ${redirector.url}/v1/models answered with a redirect. omni-ai does not follow redirects with your credentials: a redirect could take them to another site. What to do: enter the final URL, the one the redirect leads to, in “Base URL”.`,
    );

    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi, how are you?');
    const alert = panel.getByRole('alert');
    await expect(alert).toContainText(`Anthropic at ${redirector.url}/v1/messages answered with a redirect.`);
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    const sentTo = redirector.requests.map((r) => [r.method, r.path]);
    expect(sentTo).toContainEqual(['GET', '/v1/models']);
    expect(sentTo).toContainEqual(['POST', '/v1/messages']);
    expect(redirector.requests.find((r) => r.path === '/v1/models' && r.headers['x-api-key'] === 'sk-ant-secret')).toBeDefined();
    expect(elsewhere.requests).toEqual([]);
  } finally {
    await Promise.all([elsewhere.close(), redirector.close()]);
  }
});
