import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArchivedConversation, MessageRecord } from '@/lib/chat/conversation-db';
import { sendsOf, told } from './panel-worker-harness';

/**
 * The context budget on the real send path (issue 13 target 2): the side panel's chat store and the
 * worker's chat port joined as Chrome joins them (send-by-reference.test.ts's harness), the
 * provider replaced by one that records each request. The model is "gpt-4" on an OpenAI-compatible
 * server: 8,192 tokens (context-sizes.ts), so a turn budget of 5,120 (context-budget.ts).
 */
const world = await vi.hoisted(async () => (await import('./panel-worker-harness')).newWorld());

vi.mock('@/lib/background/model-for-run', async () => (await import('./panel-worker-harness')).recordingModel(world));
vi.mock('@/lib/settings/load-settings', async (original) => (await import('./panel-worker-harness')).settingsBlocking(world, original));
vi.mock('@/lib/chat/conversation-db', async (original) => (await import('./panel-worker-harness')).storeHoldingWrites(world, original));
vi.mock('@/lib/chat/read-path', async (original) => (await import('./panel-worker-harness')).countedReads(world, original));
vi.mock('@/lib/chat/chat-connection', async () => (await import('./panel-worker-harness')).portToWorker(world));


const page = { kind: 'page' as const, title: 'Tides', url: 'https://wiki.example.com/tides', text: 'The moon pulls the sea.', totalChars: 23, readFrom: ['https://wiki.example.com/tides'] };

/**
 * 15 questions of 18 estimated tokens (30 ASCII characters), 15 answers of 1,508 (4,500): with the
 * new question (11 tokens), the newest 7 turns take 4,589 tokens and an eighth would take 6,097,
 * over the 5,120 of the budget. The first question carries page text.
 */
function stored(id: string): ArchivedConversation {
  const messages: Omit<MessageRecord, 'conversationId'>[] = Array.from({ length: 30 }, (_, i) => ({
    id: `${id}-m${i}`,
    at: i + 1,
    parentId: i ? `${id}-m${i - 1}` : null,
    role: i % 2 ? 'assistant' : 'user',
    content: i % 2 ? `${i}`.padEnd(4_500, 'x') : `${i}`.padEnd(30, 'q'),
    status: 'done',
    ...(i === 0 ? { context: page } : {}),
    ...(i % 2 ? { provider: 'openai-compatible' as const, model: 'gpt-4' } : {}),
  }));
  return { id, title: 'Long', createdAt: 1, updatedAt: 30, messages };
}

let chat: () => ReturnType<(typeof import('@/lib/chat/chat-store'))['useChat']['getState']>;
let historyOf: typeof import('@/lib/chat/chat-store').historyOf;
let expected: typeof import('@/lib/chat/provider-messages').providerMessages;

/** The panel's settings: an OpenAI-compatible server whose listed model is `model`, with the form's "Context size" `contextTokens`. */
async function selectModel(model: string, contextTokens = '') {
  const { defaultSettings } = await import('@/lib/settings/parse-stored');
  const { useSettings } = await import('@/lib/settings/store');
  const settings = defaultSettings();
  settings.provider = 'openai-compatible';
  settings.providers['openai-compatible'] = { ...settings.providers['openai-compatible'], baseURL: 'http://127.0.0.1:9/v1', models: [model], contextTokens };
  settings.selectedModels = { 'openai-compatible': model };
  useSettings.setState(settings);
}

let tests = 0;
async function openLong(model = 'gpt-4', contextTokens = ''): Promise<string> {
  const id = `budget-${++tests}`;
  const db = await import('@/lib/chat/conversation-db');
  await db.importConversations([stored(id)]);
  await selectModel(model, contextTokens);
  expect(await chat().open(id)).toBe(true);
  return id;
}

/** The worker said `done` `count` times, and the panel (one task later) shows the last answer done. */
async function answered(count = 1) {
  await told(world, 'done', count);
  await vi.waitFor(() => expect(chat().entries.at(-1)!.status).toBe('done'), { timeout: 4_000 });
}

beforeEach(async () => {
  vi.resetModules();
  (await import('./panel-worker-harness')).resetWorld(world);
  const store = await import('@/lib/chat/chat-store');
  chat = () => store.useChat.getState();
  historyOf = store.historyOf;
  expected = (await import('@/lib/chat/provider-messages')).providerMessages;
});

describe('a question in a conversation longer than the model’s context (issue 13 target 2)', () => {
  it('asks the provider only the newest turns that fit, and the answer, stored and reopened, says so', async () => {
    const id = await openLong();
    chat().send('And then?');
    const whole = expected(historyOf(chat().entries));
    await answered();
    expect(whole).toHaveLength(31);
    // The newest 7 turns, exactly as the whole request had them, starting with a question.
    expect(world.requests).toHaveLength(1);
    expect(world.requests[0]!.messages).toEqual(whole.slice(-7));
    expect(world.requests[0]!.messages[0]!.role).toBe('user');
    expect(world.told.filter((m) => m.type === 'context-cut')).toEqual([{ type: 'context-cut', runId: sendsOf(world)[0]!.runId, cut: { kept: 7, total: 31 } }]);

    const answer = chat().entries.at(-1)!;
    expect(answer).toMatchObject({ status: 'done', contextCut: { kept: 7, total: 31 } });
    // Stored with the answer, so a reopened conversation still shows it.
    const db = await import('@/lib/chat/conversation-db');
    expect((await db.getMessages(id)).find((m) => m.id === answer.id)?.contextCut).toEqual({ kept: 7, total: 31 });
    chat().newChat();
    expect(await chat().open(id)).toBe(true);
    expect(chat().entries.at(-1)).toMatchObject({ id: answer.id, contextCut: { kept: 7, total: 31 } });
  });

  it('leaves nothing out, and notes nothing, for a model whose context holds it all', async () => {
    await openLong('gpt-5.5');
    chat().send('And then?');
    const whole = expected(historyOf(chat().entries));
    await answered();
    expect(world.requests[0]!.messages).toEqual(whole);
    expect(world.told.some((m) => m.type === 'context-cut')).toBe(false);
    expect(chat().entries.at(-1)!.contextCut).toBeUndefined();
  });

  it('takes the provider’s "Context size" setting over the model’s name: 8,192 tokens for a model it does not know', async () => {
    // Unknown to omni-ai, "llama3" would get 32,768 tokens, which hold all 31 turns.
    await openLong('llama3', '8192');
    chat().send('And then?');
    const whole = expected(historyOf(chat().entries));
    await answered();
    expect(world.requests[0]!.messages).toEqual(whole.slice(-7));
    expect(chat().entries.at(-1)!.contextCut).toEqual({ kept: 7, total: 31 });

    // Cleared, the name decides again: all of it goes.
    await openLong('llama3');
    chat().send('And then?');
    await answered(2);
    expect(world.requests[1]!.messages).toHaveLength(31);
  });

  it('fits a regenerated answer’s request the same way, and notes it on the new version', async () => {
    await openLong();
    chat().send('And then?');
    await answered();
    const first = chat().entries.at(-1)!.id;
    chat().regenerate(first);
    await answered(2);
    expect(world.requests).toHaveLength(2);
    expect(world.requests[1]!.messages).toEqual(world.requests[0]!.messages);
    const again = chat().entries.at(-1)!;
    expect(again.id).not.toBe(first);
    expect(again.contextCut).toEqual({ kept: 7, total: 31 });
  });

  it('judges by the site rules only the page text the request carries: a left-out question’s page neither goes nor is refused', async () => {
    world.blockedSites = ['https://wiki.example.com/*'];
    await openLong();
    chat().send('And then?');
    await answered();
    expect(world.told.some((m) => m.type === 'refused')).toBe(false);
    expect(world.told.some((m) => m.type === 'sent')).toBe(false);
    expect(JSON.stringify(world.requests[0])).not.toContain('The moon pulls');

    // The same conversation with a model that takes all of it carries that page: refused, as before.
    await openLong('gpt-5.5');
    chat().send('And then?');
    await told(world, 'refused');
    expect(world.requests).toHaveLength(1);
  });

  it('reads back only the turns that go: the budget is fitted from the references before any record is read', async () => {
    const id = await openLong();
    chat().send('And then?');
    const whole = expected(historyOf(chat().entries));
    await answered();
    // Of the 30 stored turns, only those the budget could keep went by reference, from the first it
    // leaves out (m23, where the worker's fit stops); the 23 before it were only counted (`older`).
    const [send] = sendsOf(world);
    expect(send!.messages.map((m) => ('ref' in m ? m.ref.slice(id.length + 1) : m.content))).toEqual(['m23', 'm24', 'm25', 'm26', 'm27', 'm28', 'm29', 'And then?']);
    expect(send!.older).toBe(23);
    // The 6 kept of them were read, and nothing else.
    expect(world.reads).toEqual(['6 by id']);
    expect(world.readIds).toEqual(Array.from({ length: 6 }, (_, i) => `${id}-m${24 + i}`));
    // The left-out question with page text was not even read, and the request is the one the full turns gave.
    expect(world.readIds).not.toContain(`${id}-m0`);
    expect(world.requests[0]!.messages).toEqual(whole.slice(-7));
    expect(world.told.some((m) => m.type === 'history-needed')).toBe(false);
  });

  it('asks for every turn when a send leaves out turns its budget could keep: a panel cannot make the worker skip one', async () => {
    const id = await openLong();
    const { sendTurnsOf } = await import('@/lib/chat/chat-store');
    const entries = chat().entries;
    // The newest three stored turns and a question (about 3,000 tokens, within gpt-4's 5,120), the 27 before them said to be beyond the budget.
    const refs = sendTurnsOf(entries.slice(-3), new Set(entries.map((e) => e.id))).messages;
    world.toWorker({ type: 'send', runId: 'by-hand', conversationId: id, provider: 'openai-compatible', model: 'gpt-4', messages: [...refs, { id: 'q', role: 'user', content: 'And then?' }], older: 27 });
    await told(world, 'history-needed');
    expect(world.told.find((m) => m.type === 'history-needed')!.runId).toBe('by-hand');
    expect(world.requests).toEqual([]);
  });

  it('asks for the full turns when a kept turn read back is not the one the panel fitted, and fits those', async () => {
    const id = await openLong();
    // Behind the panel's back, a kept question gains page text (its text's length unchanged), and
    // so does a left-out one: the kept one's estimate no longer matches its reference's.
    await rewrite(`${id}-m28`, (record) => ({ ...record, context: { ...page, text: 'y'.repeat(3_000) } }));
    await rewrite(`${id}-m2`, (record) => ({ ...record, context: page }));
    chat().send('And then?');
    const whole = expected(historyOf(chat().entries));
    await answered();
    expect(world.told.filter((m) => m.type === 'history-needed')).toHaveLength(1);
    expect(sendsOf(world)).toHaveLength(2);
    expect(sendsOf(world)[1]!.messages.some((m) => 'ref' in m)).toBe(false);
    // What the panel holds goes, fitted as before: never the stored page text the budget did not count.
    expect(world.requests).toHaveLength(1);
    expect(world.requests[0]!.messages).toEqual(whole.slice(-7));
    expect(JSON.stringify(world.requests[0])).not.toContain('yyyy');
    expect(chat().entries.at(-1)!.contextCut).toEqual({ kept: 7, total: 31 });
  });

  it('asks for the full turns when a kept turn read back has another role than its reference says (the budget starts at a question)', async () => {
    const id = await openLong();
    await rewrite(`${id}-m24`, (record) => ({ ...record, role: 'assistant' }));
    chat().send('And then?');
    const whole = expected(historyOf(chat().entries));
    await answered();
    expect(world.told.filter((m) => m.type === 'history-needed')).toHaveLength(1);
    expect(world.requests[0]!.messages).toEqual(whole.slice(-7));
    expect(world.requests[0]!.messages[0]!.role).toBe('user');
  });

  it('does not read, and so does not stop at, a left-out turn that differs from the panel’s', async () => {
    const id = await openLong();
    await rewrite(`${id}-m2`, (record) => ({ ...record, context: page }));
    chat().send('And then?');
    const whole = expected(historyOf(chat().entries));
    await answered();
    expect(world.told.some((m) => m.type === 'history-needed')).toBe(false);
    expect(world.requests[0]!.messages).toEqual(whole.slice(-7));
  });
});

/** Changes a stored message behind the panel's back (another window, a profile restored from an older copy). */
async function rewrite(id: string, change: (record: MessageRecord) => MessageRecord): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const request = indexedDB.open('omni-ai');
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const tx = request.result.transaction('messages', 'readwrite');
      const store = tx.objectStore('messages');
      const get = store.get(id);
      get.onsuccess = () => store.put(change(get.result as MessageRecord));
      tx.oncomplete = () => (request.result.close(), resolve());
      tx.onerror = () => reject(tx.error);
    };
  });
}
