import 'fake-indexeddb/auto';
import { EventStreamCodec, getChunkedStream } from '@smithy/core/event-streams';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OAuth2Gateway } from '@/lib/auth/oauth2-gateway';
import { modelForRun } from '@/lib/background/model-for-run';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';
import { SDK_GLOBAL } from '@/lib/providers/sdk/sdk-scripts';
import type { StreamPart } from '@/lib/providers/types';
import { loadSettings } from '@/lib/settings/load-settings';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION } from '@/lib/settings/schema';

// Bedrock's and Vertex's adapters speak HTTP themselves; each loads only its stream's parser, a
// script of its own (issue 13 §4: no other provider's Send needs it, and every start paid for it).
const cases = [
  { provider: 'bedrock', label: 'AWS Bedrock', script: '/eventstream-sdk.js', register: () => registerSdk('eventstream', { EventStreamCodec, getChunkedStream }) },
  { provider: 'vertex', label: 'Google Vertex AI', script: '/eventsource-sdk.js', register: () => registerSdk('eventsource', { EventSourceParserStream }) },
] as const;

// A user of each with what it needs to send (a Bedrock API key; a Vertex project behind a token
// endpoint); the fetch stubbed in each test stands for the network.
beforeEach(async () => {
  fakeBrowser.reset();
  delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
  const settings = defaultSettings();
  settings.providers.bedrock = { ...settings.providers.bedrock, auth: 'api-key', apiKey: 'bedrock-key', region: 'us-east-1' };
  settings.providers.vertex = { ...settings.providers.vertex, auth: 'oauth2', projectId: 'proj-1', tokenEndpoint: 'https://login.example.com/token', clientId: 'c' };
  await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: SETTINGS_VERSION, state: { ...settings, providerChosen: true } } });
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
  vi.unstubAllGlobals();
});

async function answer(provider: (typeof cases)[number]['provider']): Promise<StreamPart[]> {
  // The gateway's fetch for Vertex's token is the stubbed fetch too: no token server here.
  const gateway = { createAuthenticatedFetch: () => (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init) } as unknown as OAuth2Gateway;
  const parts: StreamPart[] = [];
  const model = modelForRun(provider, gateway, await loadSettings());
  for await (const part of model.stream({ model: 'a-model', messages: [{ role: 'user', content: 'Hi' }], signal: new AbortController().signal })) parts.push(part);
  return parts;
}

describe.each(cases)('$label’s stream parser, a script of its own (issue 13 §4)', ({ provider, label, script, register }) => {
  it('is imported by the first request, once', async () => {
    const importScripts = vi.fn((url: string) => url === script && register());
    vi.stubGlobal('importScripts', importScripts);
    vi.stubGlobal('fetch', async () => new Response('{"message":"busy"}', { status: 503 }));
    await answer(provider);
    await answer(provider);
    expect(importScripts).toHaveBeenCalledExactlyOnceWith(script);
  });

  it('when it cannot be loaded, the answer says which file and what to do, and nothing is sent', async () => {
    vi.stubGlobal('importScripts', () => {
      throw new DOMException('the script could not be read', 'NetworkError');
    });
    const sent = vi.fn(async () => new Response('', { status: 200 }));
    vi.stubGlobal('fetch', sent);
    expect(await answer(provider)).toEqual([
      {
        type: 'error',
        error: {
          kind: 'config',
          message: `omni-ai could not start the request: omni-ai could not load its code for ${label} (${script.slice(1)}: the script could not be read). Reload omni-ai on the browser’s extensions page, or reinstall it, then press Retry.`,
        },
      },
    ]);
    expect(sent).not.toHaveBeenCalled();
  });
});
