import { OAuth2Gateway, type Cooldown, type GatewayTarget } from '../lib/auth/oauth2-gateway';
import type { RefreshScheduler } from '../lib/auth/refresh-alarms';
import type { StoredToken, TokenStore } from '../lib/auth/token-store';
import { MemoryStore } from './lib/memory-store';
import type { ProviderId } from '../lib/providers/catalog';
import { defaultSettings } from '../lib/settings/parse-stored';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import { acceptTokensSignedBy } from '../test/servers/auth-check';
import { startFakeAzureOpenAI } from '../test/servers/fake-azure-openai';
import { startTokenServer } from '../test/servers/token-server';
import type { Figure } from './lib/stats';
import { writeSettings } from './lib/write-settings';

/** 3a. 50 concurrent requests on a cold cache, in the extension, against oauth2-mock-server. */
export async function coldConcurrency(ext: ExtensionSession, runs: number): Promise<Figure[]> {
  const tokens = await startTokenServer({ clients: { bench: 'bench-secret' }, expiresIn: 3600 });
  const azure = await startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], bearer: acceptTokensSignedBy(tokens.jwks) });
  const counts: number[] = [];
  try {
    const options = await ext.openOptions();
    for (let run = 0; run < runs; run++) {
      // A new scope each run: new credentials fingerprint, so the cache is cold.
      const settings = defaultSettings();
      settings.provider = 'azure-openai';
      settings.providers['azure-openai'] = {
        ...settings.providers['azure-openai'],
        endpoint: azure.url,
        models: ['gpt-4o-prod'],
        tokenEndpoint: tokens.tokenEndpoint,
        clientId: 'bench',
        clientSecret: 'bench-secret',
        scope: `api://bench/run-${run}/.default`,
      };
      await writeSettings(ext, settings);
      const before = tokens.requests.length;
      const ok = await options.evaluate(() =>
        Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            chrome.runtime.sendMessage({ id: 5000 + i, type: 'testConnection', data: 'azure-openai', timestamp: Date.now() }),
          ),
        ).then((results) => results.filter((r: { res?: { ok: boolean } }) => r.res?.ok).length),
      );
      if (ok !== 50) throw new Error(`only ${ok} of 50 requests succeeded`);
      counts.push(tokens.requests.length - before);
    }
    await options.close();
  } finally {
    await Promise.all([tokens.close(), azure.close()]);
  }
  return [{ name: 'Gateway: token requests for 50 concurrent calls on a cold cache', unit: 'requests', values: counts, target: '1' }];
}

/**
 * 3b. A simulated hour, on a virtual clock, of the real OAuth2Gateway with 10-minute tokens: a chat
 * request every 10 s, alarms firing when scheduled. Counts refreshes made ahead of expiry and chat
 * requests that had to wait for the token endpoint.
 */
export async function simulatedHour(): Promise<Figure[]> {
  let now = Date.UTC(2026, 10, 24, 9);
  const start = now;
  const alarms = new Map<ProviderId, number>();
  const memory = new Map<ProviderId, StoredToken>();
  let tokenRequests = 0;
  const scheduler: RefreshScheduler = {
    at: async (p, when) => void alarms.set(p, when),
    clear: async (p) => void alarms.delete(p),
    has: async (p) => alarms.has(p),
  };
  const tokens = {
    get: async (p: ProviderId) => memory.get(p),
    set: async (p: ProviderId, t: StoredToken) => void memory.set(p, t),
    remove: async (p: ProviderId) => void memory.delete(p),
  } as unknown as TokenStore;
  const target: GatewayTarget = {
    source: {
      grant: 'client_credentials',
      tokenEndpoint: 'https://idp.example/token',
      clientId: 'c',
      clientSecret: 's',
      clientAuth: 'basic',
      scope: 'x',
      audience: '',
      resource: '',
    },
    apiOrigin: 'https://api.example',
  };
  const gateway = new OAuth2Gateway({
    target: async () => target,
    tokens,
    cooldowns: new MemoryStore<Cooldown>(),
    scheduler,
    status: async () => undefined,
    now: () => now,
    tokenEndpoint: {
      fetch: async () => {
        tokenRequests++;
        return new Response(JSON.stringify({ access_token: `t${tokenRequests}`, token_type: 'Bearer', expires_in: 600 }), { headers: { 'content-type': 'application/json' } });
      },
    },
  });

  let waited = 0;
  let chats = 0;
  let alarmRefreshes = 0;
  const HOUR = 3600_000;
  for (let t = 0; t <= HOUR; t += 1000) {
    now = start + t;
    const due = alarms.get('azure-openai');
    if (due !== undefined && due <= now) {
      alarms.delete('azure-openai');
      await gateway.refreshInBackground('azure-openai');
      alarmRefreshes++;
    }
    if (t % 10_000 === 0) {
      chats++;
      const before = tokenRequests;
      await gateway.getAccessToken('azure-openai');
      // A request waited if it caused a token request itself (the first, cold one always does).
      if (tokenRequests > before && chats > 1) waited++;
    }
  }
  return [
    { name: 'Simulated hour, 10-minute tokens: refreshes by alarm, all ahead of expiry', unit: 'refreshes', values: [alarmRefreshes] },
    { name: 'Simulated hour: chat requests (one every 10 s) that waited on the token endpoint', unit: `of ${chats - 1} after the first`, values: [waited], target: '0' },
    { name: 'Simulated hour: token requests in all', unit: 'requests', values: [tokenRequests], note: 'the cold first one plus one per refresh' },
  ];
}
