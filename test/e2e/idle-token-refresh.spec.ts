import type { Page } from '@playwright/test';
import { acceptTokensSignedBy } from '../servers/auth-check';
import { startFakeAzureOpenAI } from '../servers/fake-azure-openai';
import { startTokenServer } from '../servers/token-server';
import { configureAzureOAuth } from './harness/configure';
import { expect, test } from './harness/fixtures';

const CLIENT = { id: 'omni-e2e', secret: 'correct~secret+/=' };

async function testConnection(options: Page) {
  await options.getByRole('button', { name: 'Test connection' }).click();
  await expect(options.getByRole('status')).not.toHaveText(/Testing the connection/);
  return options.getByRole('status');
}

/** The gateway's refresh alarms, read from an omni-ai page (chrome.alarms is shared with the worker). */
const refreshAlarms = (page: Page) =>
  page.evaluate(async () => (await chrome.alarms.getAll()).map((a) => a.name).filter((n) => n.startsWith('omni-ai:token-refresh:')));

/** The token state the worker keeps for the options page (times only, never a token). */
const tokenStatus = (page: Page) =>
  page.evaluate(async () => {
    const all = (await chrome.storage.session.get('omni-ai:token-status'))['omni-ai:token-status'] as
      | Record<string, { expiresAt?: number; nextRefreshAt?: number }>
      | undefined;
    return all?.['azure-openai'];
  });

test('an idle provider’s token stops being refreshed; the next request gets one on demand', async ({ extension }) => {
  // 12-second tokens: refreshed at half their life. One use, then nothing: in use for one lifetime.
  const tokens = await startTokenServer({ clients: { [CLIENT.id]: CLIENT.secret }, expiresIn: 12 });
  const azure = await startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], bearer: acceptTokensSignedBy(tokens.jwks) });
  try {
    const options = await extension.openOptions();
    await configureAzureOAuth(options, {
      endpoint: azure.url,
      tokenEndpoint: tokens.tokenEndpoint,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      deployments: ['gpt-4o-prod'],
    });
    await expect(await testConnection(options)).toHaveText(/^Connected/);
    expect(await refreshAlarms(options)).toEqual(['omni-ai:token-refresh:azure-openai']);

    // Used within the token's lifetime: the alarm refreshes it, with no request from anyone.
    await expect.poll(() => tokens.requests.length, { timeout: 15_000 }).toBe(2);
    // Then idle: an alarm fires, asks nothing, is not set again, and the state drops its next
    // refresh (while a refresh is under way the alarm is gone too, but the state still has one).
    // With no alarm left, nothing can ask the token endpoint in the background any more.
    await expect
      .poll(async () => ({ alarms: await refreshAlarms(options), next: (await tokenStatus(options))?.nextRefreshAt }), { timeout: 30_000 })
      .toEqual({ alarms: [], next: undefined });
    const afterLastUse = tokens.requests.length - 1;
    expect(afterLastUse).toBeGreaterThanOrEqual(1);
    expect(afterLastUse).toBeLessThanOrEqual(2);
    const tokenState = options.getByRole('region', { name: 'Token' });
    await expect(tokenState).not.toContainText('Next refresh');
    expect(azure.requests).toHaveLength(1);

    // The next request gets a token on demand, and the provider is in use again.
    const { expiresAt } = (await tokenStatus(options))!;
    await expect.poll(() => Date.now() > expiresAt!, { timeout: 15_000 }).toBe(true);
    await expect(await testConnection(options)).toHaveText(/^Connected/);
    expect(tokens.requests).toHaveLength(afterLastUse + 2);
    expect(await refreshAlarms(options)).toEqual(['omni-ai:token-refresh:azure-openai']);
    await expect(tokenState).toContainText('Next refresh');
  } finally {
    await Promise.all([tokens.close(), azure.close()]);
  }
});
