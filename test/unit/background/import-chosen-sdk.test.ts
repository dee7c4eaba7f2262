import 'fake-indexeddb/auto';
import { EventStreamCodec, getChunkedStream } from '@smithy/core/event-streams';
import { EventSourceParserStream } from 'eventsource-parser/stream';
import { SignJWT, base64url, createRemoteJWKSet, errors, importPKCS8, jwtVerify } from 'jose';
import { AzureOpenAI, OpenAI } from 'openai';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OAuth2Gateway } from '@/lib/auth/oauth2-gateway';
import { importChosenSdk } from '@/lib/background/import-chosen-sdk';
import { CONNECT_READ_MS, serveChatPort } from '@/lib/background/serve-chat-port';
import { storeRunRecords } from '@/lib/chat/conversation-db';
import type { ChatServerMessage } from '@/lib/messaging/chat-port';
import { RunManager } from '@/lib/chat/run-manager';
import { PROVIDER_IDS, type ProviderId } from '@/lib/providers/catalog';
import { createChatModel } from '@/lib/providers/registry';
import { MessagesClient } from '@/lib/providers/sdk/anthropic-messages-client';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';
import { SDK_GLOBAL } from '@/lib/providers/sdk/sdk-scripts';
import type { EffectiveSettings } from '@/lib/settings/effective-settings';
import { loadSettings } from '@/lib/settings/load-settings';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION } from '@/lib/settings/schema';

// What each script registers when the worker imports it (entrypoints/*-sdk.ts).
const SCRIPTS: Record<string, () => void> = {
  '/openai-sdk.js': () => registerSdk('openai', { OpenAI, AzureOpenAI }),
  '/anthropic-sdk.js': () => registerSdk('anthropic', { MessagesClient }),
  '/jose-sdk.js': () => registerSdk('jose', { SignJWT, base64url, createRemoteJWKSet, errors, importPKCS8, jwtVerify }),
  '/eventstream-sdk.js': () => registerSdk('eventstream', { EventStreamCodec, getChunkedStream }),
  '/eventsource-sdk.js': () => registerSdk('eventsource', { EventSourceParserStream }),
};

/** A worker that has imported nothing yet, whose importScripts runs the script and is recorded. */
function freshWorker() {
  delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
  const importScripts = vi.fn((url: string) => SCRIPTS[url]!());
  vi.stubGlobal('importScripts', importScripts);
  return importScripts;
}

const chosen = (provider: ProviderId) => async () => ({ ...(await loadSettings()), provider }) as EffectiveSettings;

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
  vi.unstubAllGlobals();
  fakeBrowser.reset();
});

describe('importChosenSdk (issue 13 §4: the SDK is imported when a panel connects, before the Send’s run needs it)', () => {
  const expected: Record<ProviderId, string[]> = {
    openai: ['/openai-sdk.js'],
    'azure-openai': ['/openai-sdk.js'],
    'openai-compatible': ['/openai-sdk.js'],
    anthropic: ['/anthropic-sdk.js'],
    bedrock: ['/eventstream-sdk.js'],
    vertex: ['/eventsource-sdk.js'],
  };

  it.each(PROVIDER_IDS)('%s: imports the script its adapter needs, and the adapter then imports nothing more', async (provider) => {
    const importScripts = freshWorker();
    await importChosenSdk(chosen(provider));
    expect(importScripts.mock.calls.map(([url]) => url)).toEqual(expected[provider]);
    // The Send's run builds the adapter: its SDK is there already. (The SDKs' constructors refuse
    // the blank settings, after the adapter has loaded its SDK: that is all this looks at.)
    try {
      createChatModel(provider, { ...defaultSettings(), provider }, { createAuthenticatedFetch: () => fetch } as unknown as OAuth2Gateway);
    } catch {
      // a missing key or endpoint
    }
    expect(importScripts).toHaveBeenCalledTimes(expected[provider].length);
  });

  it('follows the stored choice: a user who picked an OpenAI-compatible server gets the OpenAI SDK, not the default’s', async () => {
    const importScripts = freshWorker();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: SETTINGS_VERSION, state: { ...defaultSettings(), provider: 'openai-compatible', providerChosen: true } } });
    await importChosenSdk();
    expect(importScripts).toHaveBeenCalledExactlyOnceWith('/openai-sdk.js');
  });

  it('leaves a failure to the run, which loads the SDK again and shows the error as the answer’s', async () => {
    vi.stubGlobal('importScripts', () => {
      throw new DOMException('the script could not be read', 'NetworkError');
    });
    await expect(importChosenSdk(chosen('openai'))).resolves.toBeUndefined();
    await expect(importChosenSdk(() => Promise.reject(new Error('storage is gone')))).resolves.toBeUndefined();
  });
});

describe('serveChatPort’s connect', () => {
  // isFromExtensionPage reads `chrome.runtime` (lib/messaging/protocol.ts).
  beforeEach(() => vi.stubGlobal('chrome', fakeBrowser));
  const port = (sender: Runtime.MessageSender, name = 'chat') =>
    ({
      name,
      sender,
      postMessage: () => undefined,
      onMessage: { addListener: () => undefined },
      onDisconnect: { addListener: () => undefined },
      disconnect: () => undefined,
    }) as unknown as Runtime.Port;
  /** A port whose messages a test posts (`send`), recording what the worker tells it and whether it was refused. */
  const talkingPort = (sender: Runtime.MessageSender, name: string) => {
    const listeners: ((message: unknown) => void)[] = [];
    const told: ChatServerMessage[] = [];
    const state = { disconnected: false };
    const it = {
      name,
      sender,
      postMessage: (message: ChatServerMessage) => told.push(message),
      onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
      onDisconnect: { addListener: () => undefined },
      disconnect: () => void (state.disconnected = true),
    } as unknown as Runtime.Port;
    return { port: it, told, state, send: (message: unknown) => listeners.forEach((listener) => listener(message)) };
  };
  const sidePanel = () => ({ id: chrome.runtime.id, url: chrome.runtime.getURL('/sidepanel.html') });
  const storeProvider = (provider: ProviderId) =>
    fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: SETTINGS_VERSION, state: { ...defaultSettings(), provider, providerChosen: true } } });
  /**
   * A Send in a stored conversation. The conversation must exist: a run whose conversation is not
   * stored is stopped by its first write as deleted meanwhile (record-run.ts `gone`), and that write
   * races the run's own error; CI once saw "Stopped." instead of the error these tests look for.
   */
  const question = async (provider: ProviderId) => {
    const conversationId = crypto.randomUUID();
    const asked = { id: crypto.randomUUID(), conversationId, at: 1, role: 'user', content: 'Hello', status: 'done' } as const;
    const answered = { id: crypto.randomUUID(), conversationId, at: 2, role: 'assistant', content: 'Hi', provider, model: 'bench-model', status: 'done' } as const;
    expect(await storeRunRecords({ answer: answered, user: asked })).toBe('written');
    return { type: 'send', runId: crypto.randomUUID(), conversationId, provider, model: 'bench-model', messages: [{ role: 'user', content: 'Hello' }] };
  };

  it('imports the chosen provider’s SDK when the side panel opens its chat port, before any message', async () => {
    const importScripts = freshWorker();
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: SETTINGS_VERSION, state: { ...defaultSettings(), provider: 'openai', providerChosen: true } } });
    serveChatPort(port({ id: chrome.runtime.id, url: chrome.runtime.getURL('/sidepanel.html') }), new RunManager(async () => undefined), {} as never);
    await vi.waitFor(() => expect(importScripts).toHaveBeenCalledExactlyOnceWith('/openai-sdk.js'));
  });

  it('imports the SDK of the provider the panel names in the port at once, with the settings’ read issued before it', async () => {
    const importScripts = freshWorker();
    await storeProvider('openai');
    const read = vi.spyOn(fakeBrowser.storage.local, 'get');
    serveChatPort(port(sidePanel(), 'chat:anthropic'), new RunManager(async () => undefined), {} as never);
    // Synchronously, in the connect's own task: no read of the settings first to learn the provider.
    expect(importScripts).toHaveBeenCalledExactlyOnceWith('/anthropic-sdk.js');
    expect(read).toHaveBeenCalled();
    expect(read.mock.invocationCallOrder[0]!).toBeLessThan(importScripts.mock.invocationCallOrder[0]!);
  });

  it('refuses a named port a web page’s content script opens, and imports nothing', async () => {
    const importScripts = freshWorker();
    const { port: opened, state } = talkingPort({ id: chrome.runtime.id, url: 'https://example.com/', tab: { id: 1 } as never }, 'chat:openai');
    serveChatPort(opened, new RunManager(async () => undefined), {} as never);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(importScripts).not.toHaveBeenCalled();
    expect(state.disconnected).toBe(true);
  });

  it('refuses a port whose name is no chat port’s, even from the side panel', () => {
    const importScripts = freshWorker();
    const { port: opened, state } = talkingPort(sidePanel(), 'chat:not-a-provider');
    serveChatPort(opened, new RunManager(async () => undefined), {} as never);
    expect(state.disconnected).toBe(true);
    expect(importScripts).not.toHaveBeenCalled();
  });

  it('answers a Send after a stale name with the provider the Send names, read from the settings: the name only cost an import', async () => {
    const importScripts = freshWorker();
    await storeProvider('openai-compatible');
    const asking = await question('openai-compatible');
    const { port: opened, told, send } = talkingPort(sidePanel(), 'chat:anthropic');
    serveChatPort(opened, new RunManager(async () => undefined), {} as never);
    send(asking);
    // The stored OpenAI-compatible settings have no server address: the run, built for the Send's
    // provider with them, says so on the answer (model-for-run.ts), after importing its own SDK.
    await vi.waitFor(() => expect(told.find((m) => m.type === 'error')).toBeDefined(), { timeout: 5000 });
    expect(JSON.stringify(told.find((m) => m.type === 'error'))).toMatch(/OpenAI-compatible/);
    expect(importScripts.mock.calls.map(([url]) => url)).toEqual(['/anthropic-sdk.js', '/openai-sdk.js']);
  });

  it('starts a Send right after the connect with the connect’s read; one later than CONNECT_READ_MS reads the settings itself', async () => {
    freshWorker();
    await storeProvider('openai-compatible');
    const read = vi.spyOn(fakeBrowser.storage.local, 'get');
    const reads = () => read.mock.calls.filter(([key]) => key === SETTINGS_KEY).length;
    const now = vi.spyOn(Date, 'now');
    const sendAfter = async (ms: number) => {
      const asking = await question('openai-compatible');
      now.mockReturnValue(1_000_000);
      const { port: opened, told, send } = talkingPort(sidePanel(), 'chat:openai-compatible');
      const before = reads();
      serveChatPort(opened, new RunManager(async () => undefined), {} as never);
      now.mockReturnValue(1_000_000 + ms);
      send(asking);
      // The run fails for want of a server address, with the settings it was given (no read of its own).
      await vi.waitFor(() => expect(told.find((m) => m.type === 'error')).toBeDefined(), { timeout: 5000 });
      return reads() - before;
    };
    expect(await sendAfter(5)).toBe(1);
    expect(await sendAfter(CONNECT_READ_MS + 1)).toBe(2);
  });

  it('does nothing for a port a web page’s content script opens: it is refused first', async () => {
    const importScripts = freshWorker();
    serveChatPort(port({ id: chrome.runtime.id, url: 'https://example.com/', tab: { id: 1 } as never }), new RunManager(async () => undefined), {} as never);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(importScripts).not.toHaveBeenCalled();
  });
});
