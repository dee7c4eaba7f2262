import { OAuth2Gateway, type Cooldown, type GatewayTarget } from '../lib/auth/oauth2-gateway';
import type { RefreshScheduler } from '../lib/auth/refresh-alarms';
import type { StoredToken } from '../lib/auth/token-store';
import type { ProviderId } from '../lib/providers/catalog';
import { defaultSettings } from '../lib/settings/parse-stored';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import { acceptTokensSignedBy } from '../test/servers/auth-check';
import { startFakeAzureOpenAI } from '../test/servers/fake-azure-openai';
import { startTokenServer } from '../test/servers/token-server';
import { MemoryStore } from './lib/memory-store';
import type { Figure } from './lib/stats';
import { withOwnSettings, writeSettings } from './lib/write-settings';

/** 3a. 50 concurrent requests on a cold cache, in the extension, against oauth2-mock-server. */
export function coldConcurrency(ext: ExtensionSession, runs: number): Promise<Figure[]> {
  return withOwnSettings(ext, () => coldConcurrencyRuns(ext, runs));
}

async function coldConcurrencyRuns(ext: ExtensionSession, runs: number): Promise<Figure[]> {
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

interface SimulationPlan {
  /** Lifetime of each token the fake token endpoint issues, in seconds. */
  expiresIn: number;
  durationMs: number;
  /** Whether a chat request is made at this many ms into the simulation (checked every second). */
  chatAt: (t: number) => boolean;
}

/**
 * The real OAuth2Gateway on a virtual clock, in 1-second steps: alarms fire when due (one-shot, as
 * Chrome's do), chat requests come as the plan says. Counts token requests, refreshes made by alarm,
 * and chat requests that had to wait for the token endpoint.
 */
async function simulateGateway(plan: SimulationPlan) {
  let now = Date.UTC(2026, 10, 24, 9);
  const start = now;
  const alarms = new Map<ProviderId, number>();
  const requestTimes: number[] = [];
  const scheduler: RefreshScheduler = {
    at: async (p, when) => void alarms.set(p, when),
    clear: async (p) => void alarms.delete(p),
    has: async (p) => alarms.has(p),
  };
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
    tokens: new MemoryStore<StoredToken>(),
    usage: new MemoryStore<number>(),
    cooldowns: new MemoryStore<Cooldown>(),
    scheduler,
    status: async () => undefined,
    now: () => now,
    monotonic: () => now - start,
    tokenEndpoint: {
      fetch: async () => {
        requestTimes.push(now - start);
        const body = { access_token: `t${requestTimes.length}`, token_type: 'Bearer', expires_in: plan.expiresIn };
        return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
      },
    },
  });

  let waited = 0;
  let chats = 0;
  let alarmRefreshes = 0;
  for (let t = 0; t <= plan.durationMs; t += 1000) {
    now = start + t;
    const due = alarms.get('azure-openai');
    if (due !== undefined && due <= now) {
      alarms.delete('azure-openai');
      const before = requestTimes.length;
      await gateway.refreshInBackground('azure-openai');
      if (requestTimes.length > before) alarmRefreshes++;
    }
    if (plan.chatAt(t)) {
      chats++;
      const before = requestTimes.length;
      await gateway.getAccessToken('azure-openai');
      // A request waited if it caused a token request itself (the first, cold one always does).
      if (requestTimes.length > before && chats > 1) waited++;
    }
  }
  return { requestTimes, alarmRefreshes, waited, chats };
}

/**
 * 3b. A simulated hour with 10-minute tokens and a chat request every 10 s: the provider is in use
 * throughout, so every refresh is made by alarm, ahead of expiry, and no chat request waits.
 */
export async function simulatedHour(): Promise<Figure[]> {
  const HOUR = 3600_000;
  const run = await simulateGateway({ expiresIn: 600, durationMs: HOUR, chatAt: (t) => t % 10_000 === 0 });
  return [
    { name: 'Simulated hour, 10-minute tokens: refreshes by alarm, all ahead of expiry', unit: 'refreshes', values: [run.alarmRefreshes] },
    { name: 'Simulated hour: chat requests (one every 10 s) that waited on the token endpoint', unit: `of ${run.chats - 1} after the first`, values: [run.waited], target: '0' },
    { name: 'Simulated hour: token requests in all', unit: 'requests', values: [run.requestTimes.length], note: 'the cold first one plus one per refresh' },
  ];
}

/**
 * Measured with this same simulation on the gateway as it was before background refresh stopped for
 * idle providers (commit e50f24e): a refresh every 55 minutes all day.
 */
const IDLE_DAY_BEFORE = { all: 27, afterLastUse: 26 };

/**
 * 3c. An idle simulated day: 60-minute tokens (Entra ID's default), one chat request at 9:00, then
 * nothing for 24 hours, alarms firing when due. The gateway refreshes only while the provider is in
 * use, so after the last use it makes at most the one or two refreshes the in-use rule allows.
 */
export async function idleDay(): Promise<Figure[]> {
  const DAY = 24 * 3600_000;
  const run = await simulateGateway({ expiresIn: 3600, durationMs: DAY, chatAt: (t) => t === 0 });
  const afterLastUse = run.requestTimes.filter((t) => t > 0).length;
  return [
    {
      name: 'Idle simulated day (one chat, then none for 24 h; 60-minute tokens): token requests',
      unit: 'requests',
      values: [run.requestTimes.length],
      target: '≤ 3 (the first, then at most two)',
      note: `before: ${IDLE_DAY_BEFORE.all}, a token every 55 min all day`,
    },
    {
      name: 'Idle simulated day: token requests after the last use',
      unit: 'requests',
      values: [afterLastUse],
      target: '≤ 2',
      note: `before: ${IDLE_DAY_BEFORE.afterLastUse}; now the last is at ${Math.round(Math.max(0, ...run.requestTimes) / 60_000)} min`,
    },
  ];
}
