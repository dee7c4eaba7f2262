import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatServerMessage } from '@/lib/messaging/chat-port';
import type { ChatModel, StreamPart } from '@/lib/providers/types';

type Modules = {
  db: typeof import('@/lib/chat/conversation-db');
  runs: typeof import('@/lib/chat/run-manager');
  record: typeof import('@/lib/chat/record-run');
  remove: typeof import('@/lib/background/delete-conversation');
};

let m: Modules;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  m = {
    db: await import('@/lib/chat/conversation-db'),
    runs: await import('@/lib/chat/run-manager'),
    record: await import('@/lib/chat/record-run'),
    remove: await import('@/lib/background/delete-conversation'),
  };
});

/** A provider that streams `parts` and then, unless told to end, waits for the abort like a real one. */
function fakeModel(parts: StreamPart[], options: { hang?: boolean; throws?: Error } = {}) {
  const seen = { aborted: false };
  const model: ChatModel = {
    provider: 'anthropic',
    async *stream({ signal }) {
      for (const part of parts) {
        yield part;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      if (options.throws) throw options.throws;
      if (!options.hang) return;
      if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve));
      seen.aborted = true;
      yield { type: 'error', error: { kind: 'aborted', message: 'Stopped.' } };
    },
  };
  return { model, seen };
}

function startRun(manager: InstanceType<Modules['runs']['RunManager']>, model: ChatModel, conversationId = 'c') {
  const heard: ChatServerMessage[] = [];
  const runId = `run-${conversationId}`;
  const recorder = m.record.recordRun(
    {
      answer: { id: runId, conversationId, at: 2, role: 'assistant', content: '', provider: 'anthropic', model: 'x', status: 'streaming' },
      user: { id: `u-${conversationId}`, conversationId, at: 1, role: 'user', content: 'Hi', status: 'done' },
    },
    { report: (problem) => manager.report(runId, problem), gone: () => manager.stop(runId) },
  );
  manager.start(runId, { conversationId, model, request: { model: 'x', messages: [] }, listener: (msg) => heard.push(msg), recorder });
  return { heard, runId };
}

const ended = (heard: ChatServerMessage[]) => heard.some((msg) => msg.type === 'done' || msg.type === 'error');

describe('RunManager with the conversation store', () => {
  it('deleting a conversation while its answer streams stops the run and leaves nothing behind', async () => {
    const manager = new m.runs.RunManager(async () => undefined);
    const deltas = Array.from({ length: 5 }, (_, i): StreamPart => ({ type: 'text-delta', text: `part ${i} ` }));
    const { model, seen } = fakeModel(deltas, { hang: true });
    const { heard } = startRun(manager, model);
    await vi.waitFor(async () => expect((await m.db.getMessages('c')).map((x) => x.role)).toEqual(['user', 'assistant']));
    await vi.waitFor(() => expect(heard.filter((x) => x.type === 'delta')).toHaveLength(5));

    expect(await m.remove.deleteConversationAndRuns(manager, 'c')).toEqual({ ok: true });
    expect(seen.aborted).toBe(true); // the upstream request was closed
    expect(heard.at(-1)).toMatchObject({ type: 'error', stopped: true });
    expect(await m.db.listConversationsPage(Infinity)).toEqual([]);
    expect(await m.db.getMessages('c')).toEqual([]);
    // Nothing comes back later either (the recorder's last write would have been due by now).
    await new Promise((resolve) => setTimeout(resolve, m.record.WRITE_INTERVAL_MS + 100));
    expect(await m.db.getMessages('c')).toEqual([]);
  });

  it('deleting a conversation also drops the turns the worker kept in memory to answer in it', async () => {
    const { turnCache } = await import('@/lib/chat/read-path');
    turnCache.put('c', [{ id: 'q1', role: 'user', content: 'A secret plan.' }]);
    turnCache.put('other', [{ id: 'q2', role: 'user', content: 'Kept.' }]);
    const manager = new m.runs.RunManager(async () => undefined);
    expect(await m.remove.deleteConversationAndRuns(manager, 'c')).toEqual({ ok: true });
    expect(turnCache.get('c', 'q1')).toBeUndefined();
    expect(turnCache.get('other', 'q2')).toMatchObject({ content: 'Kept.' });
  });

  it('a run whose records cannot be stored still streams to the end, and the panel is told what to do', async () => {
    const manager = new m.runs.RunManager(async () => undefined);
    // A newer omni-ai upgraded the database: every write fails with VersionError.
    await new Promise<void>((resolve) => {
      const request = indexedDB.open('omni-ai', 99);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    const { model } = fakeModel([{ type: 'text-delta', text: 'Hello' }, { type: 'finish', reason: 'stop' }]);
    const { heard, runId } = startRun(manager, model);
    await vi.waitFor(() => expect(ended(heard)).toBe(true));
    expect(heard.filter((x) => x.type !== 'storage')).toEqual([
      { type: 'delta', runId, text: 'Hello' },
      { type: 'done', runId, reason: 'stop', usage: undefined },
    ]);
    await vi.waitFor(() =>
      expect(heard.find((x) => x.type === 'storage')).toMatchObject({
        problem: { kind: 'newer-version', message: expect.stringMatching(/^Not saved: .*Update omni-ai.*Export/) },
      }),
    );
    // A panel that attaches later gets the warning with the text.
    const later: ChatServerMessage[] = [];
    manager.attach(runId, (x) => later.push(x));
    expect(later[0]).toMatchObject({ type: 'snapshot', text: 'Hello', status: 'done', storage: { kind: 'newer-version' } });
  });

  it('an answer never spins: a provider that throws, or ends without a reason, ends the run with an error', async () => {
    const manager = new m.runs.RunManager(async () => undefined);
    const thrown = startRun(manager, fakeModel([{ type: 'text-delta', text: 'Hel' }], { throws: new Error('boom') }).model, 'a');
    const silent = startRun(manager, fakeModel([{ type: 'text-delta', text: 'Hel' }]).model, 'b');
    await vi.waitFor(() => expect(ended(thrown.heard) && ended(silent.heard)).toBe(true));
    expect(thrown.heard.at(-1)).toMatchObject({ type: 'error', stopped: false, error: { message: 'The request failed: boom' } });
    expect(silent.heard.at(-1)).toMatchObject({ type: 'error', stopped: false });
    // And what arrived is stored, with the error.
    await vi.waitFor(async () => expect((await m.db.getMessages('a'))[1]).toMatchObject({ content: 'Hel', status: 'error' }));
    expect(manager.active).toBe(0);
  });

  it('stopping one conversation leaves the others streaming', async () => {
    const manager = new m.runs.RunManager(async () => undefined);
    const one = fakeModel([{ type: 'text-delta', text: 'a' }], { hang: true });
    const two = fakeModel([{ type: 'text-delta', text: 'b' }], { hang: true });
    startRun(manager, one.model, 'one');
    const other = startRun(manager, two.model, 'two');
    await vi.waitFor(() => expect(manager.active).toBe(2));
    await manager.stopConversation('one');
    expect(one.seen.aborted).toBe(true);
    expect(two.seen.aborted).toBe(false);
    manager.stop(other.runId);
    await vi.waitFor(() => expect(ended(other.heard)).toBe(true));
  });

  it('a delete that storage refuses says so and what to do', async () => {
    const manager = new m.runs.RunManager(async () => undefined);
    await new Promise<void>((resolve) => {
      const request = indexedDB.open('omni-ai', 99);
      request.onsuccess = () => {
        request.result.close();
        resolve();
      };
    });
    expect(await m.remove.deleteConversationAndRuns(manager, 'c')).toEqual({
      ok: false,
      message: expect.stringMatching(/^The conversation was not deleted: a newer version of omni-ai .*Update omni-ai/),
    });
  });
});
