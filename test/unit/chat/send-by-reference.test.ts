import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchivedConversation, MessageRecord } from '@/lib/chat/conversation-db';
import { sendsOf, told } from './panel-worker-harness';
import { fixtureImage } from '../providers/images';

/**
 * The side panel's chat store and the worker's chat port, joined as Chrome joins them (each message
 * through JSON, one task later), over one IndexedDB: what the provider is asked when the panel names
 * stored turns by reference, against what it was asked when the panel sent them all (issue 13
 * target 2). The provider is replaced by one that records each request and answers (panel-worker-harness.ts).
 */
const world = await vi.hoisted(async () => (await import('./panel-worker-harness')).newWorld());

vi.mock('@/lib/background/model-for-run', async () => (await import('./panel-worker-harness')).recordingModel(world));
vi.mock('@/lib/settings/load-settings', async (original) => (await import('./panel-worker-harness')).settingsBlocking(world, original));
vi.mock('@/lib/chat/conversation-db', async (original) => (await import('./panel-worker-harness')).storeHoldingWrites(world, original));
vi.mock('@/lib/chat/read-path', async (original) => (await import('./panel-worker-harness')).countedReads(world, original));
vi.mock('@/lib/chat/chat-connection', async () => (await import('./panel-worker-harness')).portToWorker(world));


const png = fixtureImage('png');
const bytes = () => Uint8Array.from(atob(png.data), (c) => c.charCodeAt(0));
const page = { kind: 'page' as const, title: 'Tides', url: 'https://wiki.example.com/tides?x=1', text: 'The moon pulls the sea.', totalChars: 23, readFrom: ['https://wiki.example.com/tides'] };

/** A stored conversation with page text, a screenshot and a pasted image, and a regenerated answer. */
function archive(p: string): ArchivedConversation {
  const base = { status: 'done' as const };
  const answer = { ...base, role: 'assistant' as const, provider: 'anthropic' as const, model: 'claude-sonnet-4-5' };
  const messages: Omit<MessageRecord, 'conversationId'>[] = [
    { ...base, id: `${p}q1`, at: 1, parentId: null, role: 'user', content: 'Summarise this page.', context: page },
    { ...answer, id: `${p}a1`, at: 2, parentId: `${p}q1`, content: 'The first version.', sent: [{ messageId: `${p}q1`, kind: 'page', url: 'https://wiki.example.com/tides', chars: 23, provider: 'anthropic' }] },
    { ...answer, id: `${p}a1b`, at: 3, parentId: `${p}q1`, content: 'The regenerated version.' },
    {
      ...base,
      id: `${p}q2`,
      at: 4,
      parentId: `${p}a1b`,
      role: 'user',
      content: 'What are these?',
      images: [
        { id: `${p}i1`, mediaType: 'image/png', width: 8, height: 6, source: 'screenshot', page: { title: 'Tides', url: 'https://wiki.example.com/tides' }, blob: new Blob([bytes()], { type: 'image/png' }) },
        { id: `${p}i2`, mediaType: 'image/png', width: 8, height: 6, source: 'pasted', blob: new Blob([bytes()], { type: 'image/png' }) },
      ],
    },
    { ...answer, id: `${p}a2`, at: 5, parentId: `${p}q2`, content: 'A harbour and a chart.' },
  ];
  return { id: `${p}c1`, title: 'Summarise this page.', createdAt: 1, updatedAt: 5, messages };
}

let chat: () => ReturnType<(typeof import('@/lib/chat/chat-store'))['useChat']['getState']>;
let expected: typeof import('@/lib/chat/provider-messages').providerMessages;
let historyOf: typeof import('@/lib/chat/chat-store').historyOf;

beforeEach(async () => {
  vi.resetModules();
  (await import('./panel-worker-harness')).resetWorld(world);
  const store = await import('@/lib/chat/chat-store');
  chat = () => store.useChat.getState();
  historyOf = store.historyOf;
  expected = (await import('@/lib/chat/provider-messages')).providerMessages;
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * Opens a stored conversation, as History does; its ids start with a prefix of this test's (the
 * mocked conversation-db module, and so its database, outlive vi.resetModules).
 */
let tests = 0;
let p = '';
async function openStored() {
  p = `t${++tests}-`;
  const db = await import('@/lib/chat/conversation-db');
  await db.importConversations([archive(p)]);
  expect(await chat().open(`${p}c1`)).toBe(true);
  // The path shown: the regenerated answer, not the first one.
  expect(chat().entries.map((e) => e.id)).toEqual([`${p}q1`, `${p}a1b`, `${p}q2`, `${p}a2`]);
}

/** What the provider was asked before this change: the path the panel holds, every turn in full. */
const inFull = () => expected(historyOf(chat().entries));

/** Waits until the answer's record is stored in its final form (not streaming). */
async function finalWrite(answerId: string) {
  const db = await import('@/lib/chat/conversation-db');
  await vi.waitFor(async () => expect((await db.getMessagesByIds([answerId]))[0]?.status).toBe('done'));
}

describe('sending the history by reference (issue 13 target 2)', () => {
  it('asks the provider exactly what the full history asked: page text framed, screenshots and images, only the path shown', async () => {
    await openStored();
    chat().send('And the tides?');
    const want = inFull();
    await told(world, 'done');

    const [send] = sendsOf(world);
    // Every stored turn went as a reference, the new question in full: kilobytes less per question.
    expect(send!.messages.map((m) => ('ref' in m ? `ref:${m.ref.slice(p.length)}` : m.content))).toEqual(['ref:q1', 'ref:a1b', 'ref:q2', 'ref:a2', 'And the tides?']);
    expect(JSON.stringify(send)).not.toContain(png.data);
    expect(JSON.stringify(send)).not.toContain('The moon pulls');
    expect(world.told.some((m) => m.type === 'history-needed')).toBe(false);

    expect(world.requests).toHaveLength(1);
    expect(world.requests[0]!.messages).toEqual(want);
    // Not equal by being empty: the framed page text, both images, the regenerated answer only.
    const [q1, a1b, q2] = world.requests[0]!.messages;
    expect(q1!.content).toContain('The moon pulls the sea.');
    expect(q1!.content).toMatch(/untrusted_content_[0-9a-f]{16}/);
    expect(a1b!.content).toBe('The regenerated version.');
    expect(q2!.images).toEqual([
      { mediaType: 'image/png', data: png.data },
      { mediaType: 'image/png', data: png.data },
    ]);
    expect(JSON.stringify(world.requests[0])).not.toContain('The first version.');
  });

  it('reads a conversation once: the next question reads nothing back, the worker keeps the finished turns and those it wrote', async () => {
    await openStored();
    chat().send('And the tides?');
    await told(world, 'done');
    // The answer's last write confirmed: the worker keeps the question and the answer as it stored them.
    await finalWrite(chat().entries.at(-1)!.id);
    chat().send('And the moon?');
    await told(world, 'done', 2);
    // The first: every stored turn by id; the second: nothing, not even the question and answer new
    // since (an IndexedDB round trip between the port message and the request, issue 13 target 2).
    expect(world.reads).toEqual(['4 by id']);
    // The path up to the second question, every turn in full: the cached ones as they were read.
    const want = expected(historyOf(chat().entries.slice(0, -1)));
    expect(want.map((m) => m.content.slice(0, 14))).toEqual([expect.any(String), 'The regenerate', expect.any(String), 'A harbour and ', expect.any(String), 'OK.', expect.any(String)]);
    expect(world.requests[1]!.messages).toEqual(want);
  });

  it('reads a long conversation when the panel opens it, so the first question in it waits for no read', async () => {
    const db = await import('@/lib/chat/conversation-db');
    const { turnCache, READ_BY_ID } = await import('@/lib/chat/read-path');
    const id = `long-${++tests}`;
    const messages = Array.from({ length: READ_BY_ID + 6 }, (_, i) => ({
      id: `${id}-m${i}`,
      at: i + 1,
      parentId: i ? `${id}-m${i - 1}` : null,
      role: i % 2 ? ('assistant' as const) : ('user' as const),
      content: `Message ${i}.`,
      status: 'done' as const,
    }));
    await db.importConversations([{ id, title: 'Long', createdAt: 1, updatedAt: 1, messages }]);
    expect(await chat().open(id)).toBe(true);
    await vi.waitFor(() => expect(turnCache.has(id)).toBe(true));
    chat().send('And then?');
    const want = inFull();
    await told(world, 'done');
    expect(world.reads).toEqual([]);
    expect(world.requests[0]!.messages).toEqual(want);
    expect(want).toHaveLength(READ_BY_ID + 7);
  });

  it('checks page text read back against the site rules as sent text is: a refusal gives the question back', async () => {
    await openStored();
    world.blockedSites = ['https://wiki.example.com/*'];
    chat().send('And the tides?');
    await told(world, 'refused');
    expect(sendsOf(world)[0]!.messages.some((m) => 'ref' in m && m.ref === `${p}q1`)).toBe(true);
    expect(world.requests).toEqual([]);
    await vi.waitFor(() => expect(chat().returned).toEqual({ text: 'And the tides?' }));
    expect(chat().attachError).toBeTruthy();
  });

  it('asks the panel for the full turns when a referenced record is missing, and the run goes on with all of them', async () => {
    await openStored();
    // Gone behind the panel's back (another window, a profile restored from an older copy).
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open('omni-ai');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const tx = request.result.transaction('messages', 'readwrite');
        tx.objectStore('messages').delete(`${p}a1b`);
        tx.oncomplete = () => (request.result.close(), resolve());
      };
    });
    chat().send('And the tides?');
    const want = inFull();
    await told(world, 'done');
    expect(world.told.filter((m) => m.type === 'history-needed')).toHaveLength(1);
    // Sent again, in full this time.
    expect(sendsOf(world)).toHaveLength(2);
    expect(sendsOf(world)[1]!.messages.some((m) => 'ref' in m)).toBe(false);
    expect(world.requests).toHaveLength(1);
    expect(world.requests[0]!.messages).toEqual(want);
  });

  it('asks for the full turns when the store does not answer, within a bounded wait: the request still starts', async () => {
    await openStored();
    world.hangReads = true;
    chat().send('And the tides?');
    const want = inFull();
    await told(world, 'done');
    expect(world.told.filter((m) => m.type === 'history-needed')).toHaveLength(1);
    expect(world.requests[0]!.messages).toEqual(want);
  });

  it('stops a run whose Stop came while its turns were being read back, across the panel’s resend of the full turns', async () => {
    await openStored();
    world.hangReads = true;
    chat().send('And the tides?');
    await vi.waitFor(() => expect(sendsOf(world)).toHaveLength(1));
    chat().stop();
    await vi.waitFor(() => expect(world.posted.some((m) => m.type === 'stop')).toBe(true));
    // The read gives up after READ_WAIT_MS, the panel resends the full turns, and the run stops as it starts.
    await told(world, 'history-needed');
    await vi.waitFor(() => expect(chat().entries.at(-1)!.status).toBe('stopped'), { timeout: 2_000 });
    expect(sendsOf(world)).toHaveLength(2);
    // Stopped before its request left: the provider was asked nothing.
    expect(world.requests).toHaveLength(0);
    expect(chat().streaming).toBe(false);
  });

  it('posts the question before the panel derives its new state, which shows it in the same task', async () => {
    await openStored();
    const store = await import('@/lib/chat/chat-store');
    const postedWhenShown: number[] = [];
    const stop = store.useChat.subscribe((state) => {
      if (state.entries.some((e) => e.content === 'And the tides?')) postedWhenShown.push(sendsOf(world).length);
    });
    chat().send('And the tides?');
    stop();
    // Shown once, synchronously, and by then the send had left: the worker starts while the panel renders.
    expect(postedWhenShown[0]).toBe(1);
    expect(chat().entries.at(-1)).toMatchObject({ role: 'assistant', status: 'streaming' });
    await told(world, 'done');
  });

  it('says on the answer why a question could not be posted, once it is shown: never an answer left spinning', async () => {
    const { defaultSettings } = await import('@/lib/settings/parse-stored');
    const { useSettings } = await import('@/lib/settings/store');
    const settings = defaultSettings();
    settings.provider = 'openai-compatible';
    settings.providers['openai-compatible'] = { ...settings.providers['openai-compatible'], baseURL: '', models: [] };
    const { provider, providers } = useSettings.getState();
    useSettings.setState(settings);
    try {
      chat().send('Anyone there?');
      expect(sendsOf(world)).toEqual([]);
      expect(chat().entries.map((e) => [e.role, e.status])).toEqual([
        ['user', 'done'],
        ['assistant', 'error'],
      ]);
      expect(chat().entries.at(-1)!.error?.message).toMatch(/model/i);
      expect(chat().streaming).toBe(false);
    } finally {
      useSettings.setState({ provider, providers });
    }
  });

  it('keeps what it wrote only for a conversation it keeps whole: a new one is read back, never taken as warm', async () => {
    const { turnCache } = await import('@/lib/chat/read-path');
    chat().send('Say hello.');
    await told(world, 'done');
    await finalWrite(chat().entries.at(-1)!.id);
    // Had the run's records made an entry of their own, `warm` and the next send would read nothing more.
    expect(turnCache.has(chat().conversationId)).toBe(false);
    chat().send('Again?');
    await told(world, 'done', 2);
    expect(world.reads).toEqual(['2 by id']);
  });

  it('carries the answer just finished, its final write still pending, as the next request’s history', async () => {
    world.replies.push({ text: 'Hello world, at length.', holdFinal: true });
    chat().send('Say hello.');
    await told(world, 'done');
    // The answer's final write is still pending (as in CoalescedWriter under load); its stored record is empty.
    const db = await import('@/lib/chat/conversation-db');
    expect((await db.getMessages(chat().conversationId)).map((m) => m.content)).toEqual(['Say hello.', '']);
    chat().send('Again?');
    await told(world, 'done', 2);
    const second = sendsOf(world)[1]!;
    expect(second.messages.map((m) => ('ref' in m ? 'ref' : m.content))).toEqual(['ref', 'ref', 'Again?']);
    // Read by reference, with the answer's whole text: no round trip, no stale record.
    expect(world.told.some((m) => m.type === 'history-needed')).toBe(false);
    expect(world.requests[1]!.messages.map((m) => m.content)).toEqual([expect.stringContaining('Say hello.'), 'Hello world, at length.', expect.stringContaining('Again?')]);
    world.release();
  });

  it('sends the same request again on Retry, the failed question read back', async () => {
    world.replies.push({ fail: 'The server went away.' });
    chat().send('Say hello.');
    await told(world, 'error');
    await vi.waitFor(() => expect(chat().entries.at(-1)?.status).toBe('error'));
    chat().retry();
    await told(world, 'done');
    const retry = sendsOf(world)[1]!;
    expect(retry.user).toBeUndefined();
    expect(retry.messages.map((m) => 'ref' in m)).toEqual([true]);
    expect(world.requests).toHaveLength(2);
    expect(world.requests[1]!.messages).toEqual(world.requests[0]!.messages);
    expect(world.requests[1]!.messages[0]!.content).toContain('Say hello.');
  });
});
