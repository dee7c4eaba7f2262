import type { Page } from '@playwright/test';
import { startFakeAzureOpenAI } from '../servers/fake-azure-openai';
import { acceptTokensSignedBy } from '../servers/auth-check';
import { startTokenServer } from '../servers/token-server';
import { configureAzureOAuth } from './harness/configure';
import { expect, test } from './harness/fixtures';
import type { ExtensionSession } from './harness/launch';
import { field } from './harness/pages';

const CLIENT = { id: 'omni-e2e', secret: 'correct~secret+/=' };

async function servers(expiresIn: number) {
  const tokens = await startTokenServer({ clients: { [CLIENT.id]: CLIENT.secret }, expiresIn });
  const azure = await startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], bearer: acceptTokensSignedBy(tokens.jwks) });
  return { tokens, azure, close: async () => Promise.all([tokens.close(), azure.close()]) };
}

/** The options page with Azure OpenAI saved in OAuth2 mode against the loopback servers. */
async function azureOptions(extension: ExtensionSession, s: Awaited<ReturnType<typeof servers>>, clientSecret = CLIENT.secret) {
  const options = await extension.openOptions();
  await configureAzureOAuth(options, {
    endpoint: s.azure.url,
    tokenEndpoint: s.tokens.tokenEndpoint,
    clientId: CLIENT.id,
    clientSecret,
    deployments: ['gpt-4o-prod'],
  });
  return options;
}

async function testConnection(options: Page) {
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status')).not.toHaveText(/Testing the connection/);
  return options.getByRole('status');
}

test('a wrong client secret shows the token server’s error; the right one connects with a bearer token', async ({
  extension,
}) => {
  const s = await servers(3600);
  const { tokens, azure, close } = s;
  try {
    const options = await azureOptions(extension, s, 'wrong-secret');
    await expect(await testConnection(options)).toHaveText(
      `The token endpoint ${tokens.tokenEndpoint} refused: invalid_client: Client authentication failed: unknown client or wrong secret. What to do: check the Client ID and Client secret, and the Client authentication method.`,
    );
    const tokenState = options.getByRole('region', { name: 'Token' });
    await expect(tokenState).toContainText('Last error');
    await expect(tokenState).toContainText('invalid_client');
    expect(azure.requests).toHaveLength(0);

    // The fix, then "Test connection" saves it and connects.
    await field(options, 'Client secret').fill(CLIENT.secret);
    await expect(await testConnection(options)).toHaveText(
      'Connected to Azure OpenAI: the deployment gpt-4o-prod answered.',
    );
    await expect(tokenState).toContainText('Valid until');
    await expect(tokenState).not.toContainText('Last error');
    expect(tokens.requests.map((r) => [r.grant, r.clientId, r.how])).toEqual([
      ['client_credentials', CLIENT.id, 'basic'],
      ['client_credentials', CLIENT.id, 'basic'],
    ]);
    expect(azure.requests).toHaveLength(1);
    expect(azure.requests[0]).toMatchObject({
      path: '/openai/deployments/gpt-4o-prod/chat/completions',
      apiVersion: '2024-10-21',
      body: { max_tokens: 1 },
    });
    expect(azure.requests[0]!.bearer).toMatch(/^ey/);
  } finally {
    await close();
  }
});

test('an alarm refreshes the token before it expires, with no chat request', async ({ extension }) => {
  // 16 s tokens: refreshed at half their life (8 s), alarms fire on time for unpacked extensions.
  const s = await servers(16);
  const { tokens, azure, close } = s;
  try {
    const options = await azureOptions(extension, s);
    await expect(await testConnection(options)).toHaveText(/^Connected/);
    expect(tokens.requests).toHaveLength(1);
    const firstRefresh = await options.getByRole('region', { name: 'Token' }).textContent();

    await expect.poll(() => tokens.requests.length, { timeout: 20_000 }).toBe(2);
    expect(azure.requests).toHaveLength(1); // nothing but the alarm asked for it
    await expect(options.getByRole('region', { name: 'Token' })).not.toHaveText(firstRefresh!);

    // The refreshed token is what the next request carries, without waiting on the token endpoint.
    await expect(await testConnection(options)).toHaveText(/^Connected/);
    expect(tokens.requests).toHaveLength(2);
    expect(azure.requests[1]!.bearer).not.toBe(azure.requests[0]!.bearer);
  } finally {
    await close();
  }
});

test('a service worker that Chrome stops and restarts reuses its token: no new token request', async ({
  extension,
}) => {
  const s = await servers(3600);
  const { tokens, azure, close } = s;
  try {
    const options = await azureOptions(extension, s);
    await expect(await testConnection(options)).toHaveText(/^Connected/);

    const startedAt = () => extension.serviceWorker().then((w) => w.evaluate(() => performance.timeOrigin));
    const before = await startedAt();
    await extension.stopServiceWorker(options);

    await expect(await testConnection(options)).toHaveText(/^Connected/);
    expect(await startedAt()).not.toBe(before); // a new worker, with empty memory, answered
    expect(tokens.requests).toHaveLength(1);
    expect(azure.requests).toHaveLength(2);
    expect(azure.requests[1]!.bearer).toBe(azure.requests[0]!.bearer);
  } finally {
    await close();
  }
});

test('concurrent requests on a cold cache make one token request', async ({ extension }) => {
  const s = await servers(3600);
  const { tokens, azure, close } = s;
  try {
    const options = await azureOptions(extension, s);
    // 20 "Test connection" messages at once, in @webext-core/messaging's wire format.
    const results = await options.evaluate(() =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          chrome.runtime.sendMessage({ id: 1000 + i, type: 'testConnection', data: 'azure-openai', timestamp: Date.now() }),
        ),
      ),
    );
    expect(results.map((r: { res: { ok: boolean } }) => r.res.ok)).toEqual(Array(20).fill(true));
    expect(tokens.requests).toHaveLength(1);
    expect(azure.requests).toHaveLength(20);
    expect(new Set(azure.requests.map((r) => r.bearer)).size).toBe(1);
  } finally {
    await close();
  }
});
