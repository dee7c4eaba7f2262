import './sdks-registered';
import type { IncomingHttpHeaders } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { OAuth2Gateway } from '@/lib/auth/oauth2-gateway';
import { alarmScheduler } from '@/lib/auth/refresh-alarms';
import { SessionStore } from '@/lib/auth/session-store';
import { TokenStore } from '@/lib/auth/token-store';
import { PROVIDER_IDS, PROVIDERS, type ProviderId } from '@/lib/providers/catalog';
import { checkConnection } from '@/lib/providers/connection-check';
import { isRedirect } from '@/lib/providers/is-redirect';
import { listModels } from '@/lib/providers/list-models';
import { ProviderError } from '@/lib/providers/provider-error';
import { createChatModel } from '@/lib/providers/registry';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { defaultSettings } from '@/lib/settings/parse-stored';
import type { SettingsData } from '@/lib/settings/schema';
import { acceptKey, bearerOf } from '../../servers/auth-check';
import { startFakeAnthropic } from '../../servers/fake-anthropic';
import { startFakeAzureOpenAI } from '../../servers/fake-azure-openai';
import { startFakeBedrock } from '../../servers/fake-bedrock';
import { startFakeOpenAI } from '../../servers/fake-openai';
import { startRedirector } from '../../servers/redirector';
import { collect } from './collect';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

/** Only the standard providers and API-key modes are tested here; the gateway is never asked for a token. */
const gateway = new OAuth2Gateway({
  target: async () => undefined,
  tokens: new TokenStore(),
  usage: new SessionStore<number>('omni-ai:token-use:'),
  cooldowns: new SessionStore('omni-ai:token-cooldown:'),
  scheduler: alarmScheduler,
  status: async () => undefined,
});

const BEDROCK_MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

interface Case {
  provider: ProviderId;
  model: string;
  /** The key, as the request that carried it shows it (whichever header the SDK or the check uses). */
  keyIn: (headers: IncomingHttpHeaders) => string | undefined;
  key: string;
  /** The real provider (a fake in its wire format) that the redirect points to: it must see nothing. */
  elsewhere: () => Promise<{ url: string; requests: unknown[]; close: () => Promise<void> }>;
  configure: (settings: SettingsData, baseURL: string) => void;
}

const cases: Case[] = [
  {
    provider: 'openai',
    model: 'gpt-5.5',
    keyIn: (h) => h.authorization,
    key: 'Bearer sk-openai-secret',
    elsewhere: () => startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk-openai-secret') }),
    configure: (s, url) => void (s.providers.openai = { ...s.providers.openai, apiKey: 'sk-openai-secret', baseURL: `${url}/v1` }),
  },
  {
    provider: 'anthropic',
    model: 'claude-sonnet-5-5',
    // SDK 1.x sends it as a bearer token; the connection check as x-api-key.
    keyIn: (h) => (h['x-api-key'] as string | undefined) ?? bearerOf(h.authorization),
    key: 'sk-ant-secret',
    elsewhere: () => startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant-secret') }),
    configure: (s, url) => void (s.providers.anthropic = { ...s.providers.anthropic, apiKey: 'sk-ant-secret', baseURL: url }),
  },
  {
    provider: 'openai-compatible',
    model: 'llama3.3',
    keyIn: (h) => h['x-corp-key'] as string | undefined,
    key: 'corp-secret',
    elsewhere: () => startFakeOpenAI({ models: ['llama3.3'] }),
    configure: (s, url) =>
      void (s.providers['openai-compatible'] = { ...s.providers['openai-compatible'], baseURL: `${url}/v1`, apiKey: '', headers: { 'X-Corp-Key': 'corp-secret' }, models: [] }),
  },
  {
    provider: 'azure-openai',
    model: 'gpt-4o-prod',
    keyIn: (h) => h['api-key'] as string | undefined,
    key: 'azure-secret',
    elsewhere: () => startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], apiKey: acceptKey('azure-secret') }),
    configure: (s, url) =>
      void (s.providers['azure-openai'] = {
        ...PROVIDER_FORMS['azure-openai'].defaults,
        endpoint: url,
        auth: 'api-key',
        apiKey: 'azure-secret',
        models: ['gpt-4o-prod'],
      }),
  },
  {
    provider: 'bedrock',
    model: BEDROCK_MODEL,
    keyIn: (h) => h.authorization,
    key: 'Bearer bedrock-secret',
    elsewhere: () => startFakeBedrock({ models: [BEDROCK_MODEL], credential: acceptKey('bedrock-secret') }),
    configure: (s, url) =>
      void (s.providers.bedrock = {
        ...PROVIDER_FORMS.bedrock.defaults,
        endpoint: url,
        auth: 'api-key',
        apiKey: 'bedrock-secret',
        models: [BEDROCK_MODEL],
      }),
  },
];

/** The provider's base URL on a server that redirects everything, cross-origin, to the real provider. */
async function redirected(c: Case) {
  const elsewhere = await c.elsewhere();
  const redirector = await startRedirector({ to: elsewhere.url });
  closers.push(elsewhere.close, redirector.close);
  const settings = defaultSettings();
  settings.provider = c.provider;
  c.configure(settings, redirector.url);
  return { elsewhere, redirector, settings };
}

const refusal = (c: Case, url: string) =>
  `${PROVIDERS[c.provider].label} at ${url} answered with a redirect. omni-ai does not follow redirects with your credentials: a redirect could take them to another site. What to do: enter the final URL, the one the redirect leads to, in “${PROVIDERS[c.provider].endpointField}”.`;

describe.each(cases)('$provider: a redirect to another origin', (c) => {
  it('ends the answer with an error naming the provider, the URL and the field; the key reached only the configured origin', async () => {
    const { elsewhere, redirector, settings } = await redirected(c);
    const { last } = await collect(createChatModel(c.provider, settings, gateway), { model: c.model });
    expect(last.type).toBe('error');
    const error = (last as Extract<typeof last, { type: 'error' }>).error;
    expect(error.kind).toBe('redirect');
    expect(error.message).toBe(refusal(c, `${redirector.url}${redirector.requests[0]!.path.split('?')[0]}`));
    expect(redirector.requests.map((r) => c.keyIn(r.headers))).toEqual([c.key]);
    expect(elsewhere.requests).toEqual([]);
  });

  it('fails “Test connection” with the same words, and sends nothing elsewhere', async () => {
    const { elsewhere, redirector, settings } = await redirected(c);
    const error = await checkConnection(c.provider, settings, { authFetch: () => fetch, fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).message).toBe(refusal(c, `${redirector.url}${redirector.requests[0]!.path.split('?')[0]}`));
    expect(redirector.requests.map((r) => c.keyIn(r.headers))).toEqual([c.key]);
    expect(elsewhere.requests).toEqual([]);
  });
});

describe('model lists', () => {
  it.each(cases.filter((c) => ['openai', 'anthropic', 'openai-compatible'].includes(c.provider)))(
    '$provider: a redirected live list falls back to the configured one, and sends nothing elsewhere',
    async (c) => {
      const { elsewhere, redirector, settings } = await redirected(c);
      expect((await listModels(c.provider, settings, gateway)).live).toBe(false);
      expect(redirector.requests).toHaveLength(1);
      expect(elsewhere.requests).toEqual([]);
    },
  );
});

describe('isRedirect', () => {
  it('knows the opaque redirect a browser gives for redirect: manual, and the 3xx Node gives', () => {
    const opaque = Object.defineProperties(new Response(null), { type: { value: 'opaqueredirect' }, status: { value: 0 } });
    expect(isRedirect(opaque)).toBe(true);
    for (const status of [301, 302, 303, 307, 308]) expect(isRedirect(new Response(null, { status }))).toBe(true);
    for (const status of [200, 204, 304, 401, 404, 500]) expect(isRedirect(new Response(null, { status }))).toBe(false);
  });
});

it('names, for each provider, a field its options form really has', () => {
  for (const id of PROVIDER_IDS)
    expect(PROVIDER_FORMS[id].fields.map((f) => f.label)).toContain(PROVIDERS[id].endpointField);
});
