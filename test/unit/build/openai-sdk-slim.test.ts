import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { rolldown, type Plugin as RolldownPlugin } from 'rolldown';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AzureOpenAI, OpenAI } from 'openai';
import { KEPT_OPENAI_RESOURCES, openaiResources, openaiSdkSlim } from '../../../scripts/vite/openai-sdk-slim';
import { RECORDED_TEXT, recordedLines } from '../../servers/recorded';

/** What entrypoints/openai-sdk.ts takes from the SDK, handed to the test instead of registered. */
const ENTRY = "import { AzureOpenAI, OpenAI } from 'openai';\nglobalThis.__slimSdk = { OpenAI, AzureOpenAI };\n";

interface Sdk {
  OpenAI: typeof OpenAI;
  AzureOpenAI: typeof AzureOpenAI;
}

async function bundle(plugins: RolldownPlugin[]): Promise<string> {
  const entry: RolldownPlugin = {
    name: 'entry',
    resolveId: (id) => (id === 'entry' ? id : undefined),
    load: (id) => (id === 'entry' ? ENTRY : undefined),
  };
  const build = await rolldown({ input: 'entry', cwd: process.cwd(), platform: 'browser', plugins: [entry, ...plugins], logLevel: 'silent' });
  const { output } = await build.generate({ format: 'iife' });
  await build.close();
  return output[0].code;
}

/** Runs a bundle as the worker's importScripts would, in this realm (its fetch, streams and TextDecoder). */
function load(code: string): Sdk {
  new Function(code)();
  const sdk = (globalThis as { __slimSdk?: Sdk }).__slimSdk!;
  delete (globalThis as { __slimSdk?: Sdk }).__slimSdk;
  return sdk;
}

/** A fetch that answers as OpenAI's API does: the recorded chat stream (SSE `data:` lines) and a model list. */
function fakeFetch(requests: string[]): typeof fetch {
  return async (input, init) => {
    const url = String(input instanceof Request ? input.url : input);
    requests.push(`${init?.method ?? 'GET'} ${url}`);
    if (url.includes('/chat/completions')) {
      const body = [...recordedLines('azure-openai-chat.sse-data.txt'), '[DONE]'].map((line) => `data: ${line}\n\n`).join('');
      return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
    }
    if (url.endsWith('/models'))
      return Response.json({ object: 'list', data: ['gpt-5.5', 'gpt-5-nano'].map((id) => ({ id, object: 'model', owned_by: 'system' })) });
    return Response.json({ error: { message: 'not found' } }, { status: 404 });
  };
}

async function streamedText(client: OpenAI): Promise<string> {
  const stream = await client.chat.completions.create({ model: 'gpt-5-nano', messages: [{ role: 'user', content: 'Capital of France?' }], stream: true });
  let text = '';
  for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  return text;
}

const asPlugin = (): RolldownPlugin => openaiSdkSlim() as unknown as RolldownPlugin;

describe('the openai SDK without the resources omni-ai does not call (scripts/vite/openai-sdk-slim.ts)', () => {
  let slim: string;
  let full: string;
  beforeAll(async () => {
    [slim, full] = await Promise.all([bundle([asPlugin()]), bundle([])]);
  }, 60_000);
  afterAll(() => {
    delete (globalThis as { __slimSdk?: Sdk }).__slimSdk;
  });

  it('streams a chat completion and lists models, for OpenAI and Azure OpenAI', async () => {
    const { OpenAI, AzureOpenAI } = load(slim);
    const requests: string[] = [];
    const openai = new OpenAI({ apiKey: 'sk-test', baseURL: 'https://api.example.test/v1', fetch: fakeFetch(requests), dangerouslyAllowBrowser: true });
    expect(await streamedText(openai)).toBe(RECORDED_TEXT.azure);
    expect((await openai.models.list()).data.map((m) => m.id)).toEqual(['gpt-5.5', 'gpt-5-nano']);

    const azure = new AzureOpenAI({ apiKey: 'az-test', endpoint: 'https://omni.openai.azure.test', apiVersion: '2024-10-21', deployment: 'nano', fetch: fakeFetch(requests), dangerouslyAllowBrowser: true });
    expect(await streamedText(azure)).toBe(RECORDED_TEXT.azure);
    expect(requests).toEqual([
      'POST https://api.example.test/v1/chat/completions',
      'GET https://api.example.test/v1/models',
      'POST https://omni.openai.azure.test/openai/deployments/nano/chat/completions?api-version=2024-10-21',
    ]);
  });

  it('throws an error naming a left-out resource and where to keep it, when one is called', () => {
    const { OpenAI } = load(slim);
    const client = new OpenAI({ apiKey: 'sk-test', fetch: fakeFetch([]), dangerouslyAllowBrowser: true });
    expect(() => client.responses.create({ model: 'gpt-5.5', input: 'hi' })).toThrow(
      "omni-ai: the openai SDK's `client.responses` (Responses) is left out of this build; add 'Responses' to KEPT_OPENAI_RESOURCES in scripts/vite/openai-sdk-slim.ts to use it",
    );
    expect(() => client.beta.assistants).toThrow(/client\.beta/);
  });

  it('leaves the unused resources out of the bundle', () => {
    expect(slim.length).toBeLessThan(full.length * 0.6);
    expect(full).toContain('class AssistantStream');
    expect(slim).not.toContain('class AssistantStream');
  });

  it("fails the build when the SDK's client no longer constructs its resources as expected", () => {
    const require = createRequire(import.meta.url);
    const client = fs.readFileSync(path.join(path.dirname(require.resolve('openai')), 'client.mjs'), 'utf8');
    expect(openaiResources(client).map((r) => r.className)).toEqual(expect.arrayContaining([...KEPT_OPENAI_RESOURCES, 'Responses', 'Beta']));
    expect(() => openaiResources(client.replace('this.chat = new API.Chat(this);', 'this.chat = API.chat(this);'))).toThrow(/kept ones missing: Chat/);
    expect(() => openaiResources(client.replace(/^import \{ Models \} from .*$/m, ''))).toThrow(/API\.Models but imports it from no \.\/resources module/);
  });

  it('fails the build when a resource module to stub was never loaded', () => {
    const plugin = openaiSdkSlim() as unknown as { load: (id: string) => unknown; buildEnd: (error?: Error) => void; buildStart: () => void };
    const root = path.dirname(createRequire(import.meta.url).resolve('openai'));
    plugin.buildStart();
    plugin.load(path.join(root, 'client.mjs'));
    expect(() => plugin.buildEnd()).toThrow(/never loaded to be stubbed: .*resources[\\/]admin[\\/]admin\.mjs/);
  });
});
