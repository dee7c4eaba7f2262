import { EventStreamCodec, getChunkedStream } from '@smithy/core/event-streams';
import 'fake-indexeddb/auto';
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

// A user of AWS Bedrock with an API key; the fetch stubbed below stands for the network.
beforeEach(async () => {
  fakeBrowser.reset();
  const settings = defaultSettings();
  settings.providers.bedrock = { ...settings.providers.bedrock, auth: 'api-key', apiKey: 'bedrock-key', region: 'us-east-1' };
  await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: SETTINGS_VERSION, state: { ...settings, provider: 'bedrock', providerChosen: true } } });
});

async function answer(): Promise<StreamPart[]> {
  const gateway = { createAuthenticatedFetch: () => fetch } as unknown as OAuth2Gateway;
  const parts: StreamPart[] = [];
  const model = modelForRun('bedrock', gateway, await loadSettings());
  for await (const part of model.stream({ model: 'anthropic.claude-v2', messages: [{ role: 'user', content: 'Hi' }], signal: new AbortController().signal })) parts.push(part);
  return parts;
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
  vi.unstubAllGlobals();
});

describe('Bedrock’s event-stream decoder, a script of its own (issue 13 §4: no other provider’s Send needs it)', () => {
  it('is imported by the first Bedrock request, once', async () => {
    delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
    const importScripts = vi.fn((url: string) => {
      if (url === '/eventstream-sdk.js') registerSdk('eventstream', { EventStreamCodec, getChunkedStream });
    });
    vi.stubGlobal('importScripts', importScripts);
    vi.stubGlobal('fetch', async () => new Response('{"message":"busy"}', { status: 503 }));
    await answer();
    await answer();
    expect(importScripts).toHaveBeenCalledExactlyOnceWith('/eventstream-sdk.js');
  });

  it('when it cannot be loaded, the answer says which file and what to do, and nothing is sent', async () => {
    delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
    vi.stubGlobal('importScripts', () => {
      throw new DOMException('the script could not be read', 'NetworkError');
    });
    const sent = vi.fn(async () => new Response('', { status: 200 }));
    vi.stubGlobal('fetch', sent);
    expect(await answer()).toEqual([
      {
        type: 'error',
        error: {
          kind: 'config',
          message:
            'omni-ai could not start the request: omni-ai could not load its code for AWS Bedrock (eventstream-sdk.js: the script could not be read). Reload omni-ai on the browser’s extensions page, or reinstall it, then press Retry.',
        },
      },
    ]);
    expect(sent).not.toHaveBeenCalled();
  });
});
