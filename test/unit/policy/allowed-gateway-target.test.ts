import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { allowedGatewayTarget } from '@/lib/background/allowed-gateway-target';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION } from '@/lib/settings/schema';

beforeEach(async () => {
  fakeBrowser.reset();
  const settings = defaultSettings();
  settings.providers['azure-openai'] = {
    ...settings.providers['azure-openai'],
    endpoint: 'https://mine.openai.azure.com',
    tokenEndpoint: 'https://login.example.com/token',
    clientId: 'client',
    clientSecret: 'secret',
  };
  await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { state: settings, version: SETTINGS_VERSION } });
});

describe('allowedGatewayTarget: the gateway works from the effective settings', () => {
  it('pins tokens to the endpoint the policy sets, and fetches them from its token endpoint', async () => {
    await fakeBrowser.storage.managed.set({
      providers: { 'azure-openai': { endpoint: 'https://contoso.openai.azure.com', tokenEndpoint: 'https://login.contoso.com/token' } },
    });
    expect(await allowedGatewayTarget('azure-openai')).toMatchObject({
      apiOrigin: 'https://contoso.openai.azure.com',
      source: { tokenEndpoint: 'https://login.contoso.com/token', clientId: 'client', clientSecret: 'secret' },
    });
  });

  it('gives nothing for a provider the organization hides, so no token is requested for it', async () => {
    expect(await allowedGatewayTarget('azure-openai')).toBeDefined();
    await fakeBrowser.storage.managed.set({ allowedProviders: ['bedrock'] });
    expect(await allowedGatewayTarget('azure-openai')).toBeUndefined();
  });
});
