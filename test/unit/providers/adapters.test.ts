import './sdks-registered';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicModel } from '@/lib/providers/anthropic';
import { createAzureOpenAIModel } from '@/lib/providers/azure-openai';
import { createBedrockModel } from '@/lib/providers/bedrock';
import { createOpenAIModel } from '@/lib/providers/openai';
import { createOpenAICompatibleModel } from '@/lib/providers/openai-compatible';
import { createVertexModel } from '@/lib/providers/vertex';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { acceptKey } from '../../servers/auth-check';
import { startFakeAnthropic } from '../../servers/fake-anthropic';
import { startFakeAzureOpenAI } from '../../servers/fake-azure-openai';
import { startFakeBedrock } from '../../servers/fake-bedrock';
import { startFakeOpenAI } from '../../servers/fake-openai';
import { startFakeVertex } from '../../servers/fake-vertex';
import { RECORDED_TEXT } from '../../servers/recorded';
import { collect, withBearer } from './collect';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
async function started<T extends { close: () => Promise<unknown> }>(server: Promise<T>): Promise<T> {
  const s = await server;
  closers.push(s.close);
  return s;
}

// 7-byte writes split events, JSON and multi-byte characters at arbitrary places.
const SPLIT = { mode: 'ok' as const, chunkSize: 7 };

describe('OpenAI', () => {
  it('streams the recorded answer with usage, sending the key, system prompt and history', async () => {
    const server = await started(startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk-test'), behaviour: SPLIT }));
    const model = createOpenAIModel({ apiKey: 'sk-test', baseURL: `${server.url}/v1` }, fetch);
    const { text, last } = await collect(model, {
      model: 'gpt-5.5',
      system: 'Be brief.',
      messages: [
        { role: 'user', content: 'Capital of France?' },
        { role: 'assistant', content: 'Paris.' },
        { role: 'user', content: 'And of Italy?' },
      ],
    });
    expect(text).toBe(RECORDED_TEXT.azure);
    expect(last).toEqual({ type: 'finish', reason: 'stop', usage: { inputTokens: 15, outputTokens: 78 } });
    const req = server.requests[0]!;
    expect(req.headers.authorization).toBe('Bearer sk-test');
    expect(req.body).toMatchObject({
      model: 'gpt-5.5',
      stream: true,
      stream_options: { include_usage: true },
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Capital of France?' },
        { role: 'assistant', content: 'Paris.' },
        { role: 'user', content: 'And of Italy?' },
      ],
    });
  });

  it('reports a wrong key, an unknown model and a rate limit in words the user can act on', async () => {
    const server = await started(startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk-test') }));
    const wrongKey = await collect(createOpenAIModel({ apiKey: 'sk-wrong', baseURL: `${server.url}/v1` }, fetch), { model: 'gpt-5.5' });
    expect(wrongKey.last).toEqual({
      type: 'error',
      error: {
        kind: 'auth',
        status: 401,
        message: 'OpenAI rejected the credentials (HTTP 401). OpenAI said: “Incorrect API key provided.” Check the API key in omni-ai’s options.',
        retryAfter: undefined,
      },
    });
    const model = createOpenAIModel({ apiKey: 'sk-test', baseURL: `${server.url}/v1` }, fetch);
    expect((await collect(model, { model: 'gpt-nope' })).last).toMatchObject({
      type: 'error',
      error: { kind: 'not-found', message: expect.stringMatching(/could not find the model.*does not exist/) },
    });
    server.behaviour.mode = 'rate-limit';
    expect((await collect(model, { model: 'gpt-5.5' })).last).toMatchObject({
      type: 'error',
      error: { kind: 'rate-limit', status: 429, retryAfter: 7, message: expect.stringMatching(/rate limiting.*Try again in 7 s\./) },
    });
  });

  it('lists chat models live, leaving out what Chat Completions cannot serve', async () => {
    const listed = ['gpt-5.5', 'text-embedding-3-small', 'o4-mini', 'whisper-1', 'gpt-4o-mini-tts', 'gpt-4o-realtime-preview', 'gpt-image-1', 'dall-e-3', 'o3-pro', 'gpt-5-codex', 'omni-moderation-latest', 'gpt-4o-search-preview'];
    const server = await started(startFakeOpenAI({ models: listed, credential: acceptKey('k') }));
    const model = createOpenAIModel({ apiKey: 'k', baseURL: `${server.url}/v1` }, fetch);
    expect(await model.listModels!(new AbortController().signal)).toEqual([
      { id: 'gpt-4o-search-preview', name: 'gpt-4o-search-preview' },
      { id: 'gpt-5.5', name: 'gpt-5.5' },
      { id: 'o4-mini', name: 'o4-mini' },
    ]);
  });

  it('keeps the text that arrived when the connection drops mid-answer, then reports it', async () => {
    const server = await started(startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('k'), behaviour: { mode: 'disconnect' } }));
    const { text, last } = await collect(createOpenAIModel({ apiKey: 'k', baseURL: `${server.url}/v1` }, fetch), { model: 'gpt-5.5' });
    expect(text.length).toBeGreaterThan(0);
    expect(RECORDED_TEXT.azure.startsWith(text)).toBe(true);
    expect(last).toMatchObject({ type: 'error', error: { kind: 'network', message: expect.stringMatching(/connection to OpenAI failed.*text that arrived is kept/) } });
  });

  it('closes the upstream connection when aborted', async () => {
    const server = await started(startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('k'), behaviour: { mode: 'hang' } }));
    const controller = new AbortController();
    const model = createOpenAIModel({ apiKey: 'k', baseURL: `${server.url}/v1` }, fetch);
    const run = collect(model, { model: 'gpt-5.5', signal: controller.signal });
    await expect.poll(() => server.requests.length).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort();
    expect((await run).last).toEqual({ type: 'error', error: { kind: 'aborted', message: 'Stopped.' } });
    await expect.poll(() => server.log.closedByClient).toBe(1);
  });
});

describe('OpenAI-compatible', () => {
  it('sends the custom headers, and no Authorization at all when there is no key', async () => {
    const server = await started(startFakeOpenAI({ models: ['llama3.3'], behaviour: SPLIT }));
    const config = { ...PROVIDER_FORMS['openai-compatible'].defaults, baseURL: `${server.url}/v1`, headers: { 'X-Team': 'ai' } };
    const { text, last } = await collect(createOpenAICompatibleModel(config, fetch), { model: 'llama3.3' });
    expect(text).toBe(RECORDED_TEXT.azure);
    expect(last).toMatchObject({ type: 'finish', reason: 'stop' });
    expect(server.requests[0]!.headers['x-team']).toBe('ai');
    expect(server.requests[0]!.headers.authorization).toBeUndefined();
    expect(server.requests[0]!.body.stream_options).toBeUndefined();
    expect(await createOpenAICompatibleModel(config, fetch).listModels!(new AbortController().signal)).toEqual([{ id: 'llama3.3', name: 'llama3.3' }]);
  });
});

describe('Azure OpenAI', () => {
  const azureConfig = (endpoint: string, over = {}) => ({
    ...PROVIDER_FORMS['azure-openai'].defaults,
    endpoint,
    models: ['gpt-4o-prod'],
    ...over,
  });

  it('streams the recorded answer (prompt-filter chunk first) with the gateway’s token, on the deployment path', async () => {
    const server = await started(startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], bearer: acceptKey('entra-token'), behaviour: SPLIT }));
    const model = createAzureOpenAIModel(azureConfig(server.url), {
      getToken: async () => 'entra-token',
      authFetch: withBearer('entra-token'),
      fetch,
    });
    const { text, last } = await collect(model, { model: 'gpt-4o-prod' });
    expect(text).toBe(RECORDED_TEXT.azure);
    expect(last).toEqual({ type: 'finish', reason: 'stop', usage: { inputTokens: 15, outputTokens: 78 } });
    expect(server.requests[0]).toMatchObject({ path: '/openai/deployments/gpt-4o-prod/chat/completions', apiVersion: '2024-10-21' });
  });

  it('sends api-key in API-key mode, and names a missing deployment', async () => {
    const server = await started(startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], apiKey: acceptKey('azure-key') }));
    const model = createAzureOpenAIModel(azureConfig(server.url, { auth: 'api-key', apiKey: 'azure-key' }), {
      getToken: async () => {
        throw new Error('no token in API-key mode');
      },
      authFetch: fetch,
      fetch,
    });
    expect((await collect(model, { model: 'gpt-4o-prod' })).text).toBe(RECORDED_TEXT.azure);
    expect(server.requests[0]!.headers['api-key']).toBe('azure-key');
    expect((await collect(model, { model: 'gpt-missing' })).last).toMatchObject({
      type: 'error',
      error: { kind: 'not-found', message: expect.stringContaining('could not find the deployment gpt-missing (HTTP 404). Azure OpenAI said: “The API deployment for this resource does not exist.”') },
    });
  });
});

describe('Anthropic', () => {
  it('streams the recorded answer with usage and stop reason, sending what the API requires', async () => {
    const server = await started(startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant'), behaviour: SPLIT }));
    const model = createAnthropicModel({ apiKey: 'sk-ant', baseURL: server.url }, fetch);
    const { text, last } = await collect(model, { model: 'claude-sonnet-5-5', system: 'Be kind.' });
    expect(text).toBe(RECORDED_TEXT.anthropic);
    expect(last).toEqual({ type: 'finish', reason: 'stop', usage: { inputTokens: 12, outputTokens: 30 } });
    const req = server.requests[0]!;
    expect(req.headers['anthropic-dangerous-direct-browser-access']).toBe('true');
    expect(req.headers['anthropic-version']).toBeDefined();
    expect(req.body).toMatchObject({ model: 'claude-sonnet-5-5', system: 'Be kind.', max_tokens: 8192, stream: true });
  });

  it('lists models live with Anthropic’s own display names', async () => {
    const server = await started(
      startFakeAnthropic({ models: ['claude-sonnet-5-5', 'claude-future-1'], credential: acceptKey('k'), displayNames: { 'claude-sonnet-5-5': 'Claude Sonnet 5.5' } }),
    );
    expect(await createAnthropicModel({ apiKey: 'k', baseURL: server.url }, fetch).listModels!(new AbortController().signal)).toEqual([
      { id: 'claude-sonnet-5-5', name: 'Claude Sonnet 5.5' },
      { id: 'claude-future-1', name: 'claude-future-1' },
    ]);
  });

  it('maps a rate limit with its Retry-After', async () => {
    const server = await started(startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('k'), behaviour: { mode: 'rate-limit', retryAfter: 12 } }));
    const { last } = await collect(createAnthropicModel({ apiKey: 'k', baseURL: server.url }, fetch), { model: 'claude-sonnet-5-5' });
    expect(last).toMatchObject({
      type: 'error',
      error: { kind: 'rate-limit', retryAfter: 12, message: expect.stringContaining('Anthropic said: “Number of request tokens has exceeded your per-minute rate limit.” Try again in 12 s.') },
    });
  });
});

describe('AWS Bedrock', () => {
  const bedrockConfig = (endpoint: string, over = {}) => ({
    ...PROVIDER_FORMS.bedrock.defaults,
    endpoint,
    models: ['us.anthropic.claude-sonnet-4-5-20250929-v1:0'],
    ...over,
  });
  const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';

  it('decodes the recorded event-stream frames, split anywhere, into the answer', async () => {
    const server = await started(startFakeBedrock({ models: [MODEL], credential: acceptKey('gw-token'), behaviour: SPLIT }));
    const model = createBedrockModel(bedrockConfig(server.url), { authFetch: withBearer('gw-token'), fetch });
    const { text, last } = await collect(model, { model: MODEL, system: 'Count well.' });
    expect(text).toBe(RECORDED_TEXT.bedrock);
    expect(last).toEqual({ type: 'finish', reason: 'stop', usage: { inputTokens: 22, outputTokens: 55 } });
    expect(server.requests[0]).toMatchObject({
      path: `/model/${encodeURIComponent(MODEL)}/converse-stream`,
      body: { messages: [{ role: 'user', content: [{ text: 'Hi' }] }], system: [{ text: 'Count well.' }] },
    });
  });

  it('sends a Bedrock API key as a bearer token', async () => {
    const server = await started(startFakeBedrock({ models: [MODEL], credential: acceptKey('bedrock-api-key') }));
    const model = createBedrockModel(bedrockConfig(server.url, { auth: 'api-key', apiKey: 'bedrock-api-key' }), { authFetch: fetch, fetch });
    expect((await collect(model, { model: MODEL })).text).toBe(RECORDED_TEXT.bedrock);
  });

  it('turns the recorded modelStreamErrorException frame into a clear error after the text so far', async () => {
    const server = await started(startFakeBedrock({ models: [MODEL], credential: acceptKey('t'), behaviour: { mode: 'ok', exceptionAfter: 4, chunkSize: 5 } }));
    const { text, last } = await collect(createBedrockModel(bedrockConfig(server.url), { authFetch: withBearer('t'), fetch }), { model: MODEL });
    expect(text).toBe('Let me count the "r"s in "');
    expect(last).toEqual({
      type: 'error',
      error: {
        kind: 'server',
        message: 'AWS Bedrock stopped the answer: modelStreamErrorException: Model Stream Error. Any text that arrived is kept; press Retry to ask again.',
        status: undefined,
        retryAfter: undefined,
      },
    });
  });

  it('reports AWS’s own error message for an invalid model ID', async () => {
    const server = await started(startFakeBedrock({ models: [MODEL], credential: acceptKey('t') }));
    const { last } = await collect(createBedrockModel(bedrockConfig(server.url), { authFetch: withBearer('t'), fetch }), { model: 'anthropic.nope' });
    expect(last).toMatchObject({ type: 'error', error: { kind: 'bad-request', message: 'AWS Bedrock rejected the request (HTTP 400). AWS Bedrock said: “The provided model identifier is invalid.”' } });
  });
});

describe('Google Vertex AI', () => {
  it('streams the recorded Gemini answer from the project and location’s model path', async () => {
    const server = await started(
      startFakeVertex({ project: 'proj-1', location: 'europe-west4', models: ['gemini-2.5-pro'], credential: acceptKey('g-token'), behaviour: SPLIT }),
    );
    const config = { ...PROVIDER_FORMS.vertex.defaults, projectId: 'proj-1', location: 'europe-west4', baseURL: server.url };
    const { text, last } = await collect(createVertexModel(config, withBearer('g-token')), {
      model: 'gemini-2.5-pro',
      system: 'Count.',
      messages: [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello' },
        { role: 'user', content: 'How many r?' },
      ],
    });
    expect(text).toBe(RECORDED_TEXT.vertex);
    expect(last).toEqual({ type: 'finish', reason: 'stop', usage: { inputTokens: 9, outputTokens: 23 } });
    expect(server.requests[0]).toMatchObject({
      path: '/v1/projects/proj-1/locations/europe-west4/publishers/google/models/gemini-2.5-pro:streamGenerateContent?alt=sse',
      body: {
        contents: [
          { role: 'user', parts: [{ text: 'Hi' }] },
          { role: 'model', parts: [{ text: 'Hello' }] },
          { role: 'user', parts: [{ text: 'How many r?' }] },
        ],
        systemInstruction: { parts: [{ text: 'Count.' }] },
      },
    });
  });

  it('names a model the project cannot use', async () => {
    const server = await started(startFakeVertex({ project: 'p', location: 'us-central1', models: ['gemini-2.5-pro'], credential: acceptKey('t') }));
    const config = { ...PROVIDER_FORMS.vertex.defaults, projectId: 'p', baseURL: server.url };
    const { last } = await collect(createVertexModel(config, withBearer('t')), { model: 'gemini-9' });
    expect(last).toMatchObject({ type: 'error', error: { kind: 'not-found', message: expect.stringContaining('Google Vertex AI could not find the model gemini-9 (HTTP 404)') } });
  });
});
