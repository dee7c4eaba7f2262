import { expect, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import type { ChatClientMessage, ChatServerMessage } from '@/lib/messaging/chat-port';
import type { ChatRequest } from '@/lib/providers/types';

/**
 * The side panel's chat store and the worker's chat port joined as Chrome joins them (each message
 * through JSON, one task later), over one IndexedDB, with the provider replaced by one that records
 * each request: the harness of the tests of what a send asks the provider (send-by-reference,
 * context-budget-send). A test file makes its world in `vi.hoisted` and hands it to the mock
 * factories below, one `vi.mock` each (vi.mock is hoisted per file, so the calls stay there):
 *
 *   const world = await vi.hoisted(async () => (await import('./panel-worker-harness')).newWorld());
 *   vi.mock('@/lib/background/model-for-run', async () => (await import('./panel-worker-harness')).recordingModel(world));
 *
 * Only types and vitest are imported at the top: this module loads before the mocks are in place.
 */
export interface World {
  requests: Omit<ChatRequest, 'signal'>[];
  replies: ({ text: string; holdFinal?: boolean } | { fail: string })[];
  /** What crossed the port, each way. */
  posted: ChatClientMessage[];
  told: ChatServerMessage[];
  blockedSites: string[];
  /** Holds the worker's writes while set (a final write still pending). */
  held: Promise<void> | undefined;
  release: () => void;
  /** Makes the worker's reads of a conversation never answer. */
  hangReads: boolean;
  /** The worker's reads for sends by reference. */
  reads: string[];
  /** The ids of the records those reads asked for by id, in order. */
  readIds: string[];
  toWorker: (message: unknown) => void;
}

export function newWorld(): World {
  return { requests: [], replies: [], posted: [], told: [], blockedSites: [], held: undefined, release: () => undefined, hangReads: false, reads: [], readIds: [], toWorker: () => undefined };
}

/** Empties a world between tests (the mocks keep the same object). */
export function resetWorld(world: World): void {
  Object.assign(world, { requests: [], replies: [], posted: [], told: [], blockedSites: [], held: undefined, hangReads: false, reads: [], readIds: [] });
}

/** model-for-run: a provider that records each request and answers the next of `world.replies` ("OK." when none). */
export function recordingModel(world: World) {
  return {
    modelForRun: (provider: string) => ({
      provider,
      async *stream(request: ChatRequest) {
        // As an adapter: the SDK awaits its request's options before it fetches, and a run stopped
        // by then sends nothing (the aborted signal; stream-error.ts).
        await Promise.resolve();
        if (request.signal?.aborted) {
          yield { type: 'error', error: { kind: 'aborted', message: 'Stopped.' } };
          return;
        }
        const { signal: _s, ...sent } = request;
        world.requests.push(structuredClone(sent));
        const reply = world.replies.shift() ?? { text: 'OK.' };
        if ('fail' in reply) {
          yield { type: 'error', error: { kind: 'network', message: reply.fail } };
          return;
        }
        yield { type: 'text-delta', text: reply.text.slice(0, 3) };
        yield { type: 'text-delta', text: reply.text.slice(3) };
        // The run's first write (its question, the empty answer) is stored; its last one waits.
        if (reply.holdFinal) world.held = new Promise((resolve) => (world.release = resolve));
        yield { type: 'finish', reason: 'stop' };
      },
    }),
  };
}

/** load-settings: the real settings, with the page-text rules' blocked sites from the world. */
export async function settingsBlocking(world: World, original: <T>() => Promise<T>) {
  const real = await original<typeof import('@/lib/settings/load-settings')>();
  return {
    loadSettings: async () => {
      const settings = await real.loadSettings();
      return { ...settings, pageText: { ...settings.pageText, blockedSites: world.blockedSites } };
    },
  };
}

/** conversation-db: the real one, whose run writes wait while `world.held` is set. */
export async function storeHoldingWrites(world: World, original: <T>() => Promise<T>) {
  const real = await original<typeof import('@/lib/chat/conversation-db')>();
  return {
    ...real,
    storeRunRecords: async (records: Parameters<typeof real.storeRunRecords>[0]) => {
      await world.held;
      return real.storeRunRecords(records);
    },
  };
}

/**
 * read-path: the real one, its reads for a send by reference listed in `world.reads` and hanging
 * while `world.hangReads` is set (the panel's own reads go through getMessages too: set it only
 * once the conversation is open).
 */
export async function countedReads(world: World, original: <T>() => Promise<T>) {
  const real = await original<typeof import('@/lib/chat/read-path')>();
  const db = await import('@/lib/chat/conversation-db');
  return {
    ...real,
    readPath: (conversationId: string, turns: Parameters<typeof real.readPath>[1], deps: Parameters<typeof real.readPath>[2]) =>
      real.readPath(conversationId, turns, {
        ...deps,
        read: (id) => (world.reads.push(`conversation ${id}`), world.hangReads ? new Promise(() => undefined) : db.getMessages(id)),
        readByIds: (ids) => (world.reads.push(`${ids.length} by id`), world.readIds.push(...ids), world.hangReads ? new Promise(() => undefined) : db.getMessagesByIds(ids)),
      }),
  };
}

/** chat-connection: the panel's port, wired straight to the worker's serveChatPort through JSON, one task later each way. */
export function portToWorker(world: World) {
  return {
    ChatConnection: class {
      constructor(onMessage: (message: ChatServerMessage) => void) {
        const listeners: ((message: unknown) => void)[] = [];
        const port = {
          name: 'chat',
          sender: { id: chrome.runtime.id, url: chrome.runtime.getURL('/sidepanel.html') },
          postMessage: (message: ChatServerMessage) => {
            const copy = JSON.parse(JSON.stringify(message)) as ChatServerMessage;
            world.told.push(copy);
            setTimeout(() => onMessage(copy));
          },
          onMessage: { addListener: (listener: (message: unknown) => void) => listeners.push(listener) },
          onDisconnect: { addListener: () => undefined },
          disconnect: () => undefined,
        };
        const ready = (async () => {
          const { serveChatPort } = await import('@/lib/background/serve-chat-port');
          const { RunManager } = await import('@/lib/chat/run-manager');
          serveChatPort(port as unknown as Runtime.Port, new RunManager(async () => undefined), {} as never);
        })();
        world.toWorker = (message) => {
          const copy = JSON.parse(JSON.stringify(message)) as unknown;
          void ready.then(() => setTimeout(() => listeners.forEach((listener) => listener(copy))));
        };
      }
      post(message: ChatClientMessage) {
        world.posted.push(message);
        world.toWorker(message);
      }
      wake() {}
    },
  };
}

type Send = Extract<ChatClientMessage, { type: 'send' }>;

/** The sends the panel posted, in order. */
export const sendsOf = (world: World): Send[] => world.posted.filter((m): m is Send => m.type === 'send');

/** Waits until the worker has said `type`, `count` times in all. */
export async function told(world: World, type: ChatServerMessage['type'], count = 1): Promise<void> {
  await vi.waitFor(() => expect(world.told.filter((m) => m.type === type).length).toBeGreaterThanOrEqual(count), { timeout: 4_000 });
}
