import { beforeEach, describe, expect, it, vi } from 'vitest';
import { isTurnRef, type ChatClientMessage, type ChatServerMessage } from '@/lib/messaging/chat-port';

// The port to the worker, replaced: what the panel posts is recorded, and the test answers for the worker.
const posted: ChatClientMessage[] = [];
let deliver: (message: ChatServerMessage) => void = () => undefined;
vi.mock('@/lib/chat/chat-connection', () => ({
  ChatConnection: class {
    constructor(onMessage: (message: ChatServerMessage) => void) {
      deliver = onMessage;
    }
    post(message: ChatClientMessage) {
      posted.push(message);
    }
  },
}));

const { useChat } = await import('@/lib/chat/chat-store');

type Send = Extract<ChatClientMessage, { type: 'send' }>;
const sends = () => posted.filter((m): m is Send => m.type === 'send');
const chat = () => useChat.getState();
const shown = () => chat().entries.map((e) => `${e.role}:${e.content}`);
/**
 * A send's turns as the worker gets them: `ref:` for one named by reference (it reads the record
 * back, its text checked against `chars`), else the turn in full.
 */
const turns = (send: Send) =>
  send.messages.map((m) => {
    if (!isTurnRef(m)) return `${m.role}:${m.content}`;
    const entry = chat().messages.find((e) => e.id === m.ref)!;
    expect(m.chars).toBe(entry.content.length);
    return `ref:${entry.role}:${entry.content}`;
  });

/** The worker answers the last run with `text`. */
function answer(text: string) {
  const { runId } = sends().at(-1)!;
  deliver({ type: 'delta', runId, text });
  deliver({ type: 'done', runId, reason: 'stop', usage: { inputTokens: 3, outputTokens: 5 } });
}

beforeEach(() => {
  posted.length = 0;
  chat().newChat();
});

describe('editing and regenerating keep every version', () => {
  it('regenerates an answer to the same question, as a second version; the first stays reachable', () => {
    chat().send('Capital of France?');
    answer('Paris.');
    const first = chat().entries[1]!;
    expect(first).toMatchObject({ status: 'done', usage: { inputTokens: 3, outputTokens: 5 } });

    chat().regenerate(first.id);
    const again = sends().at(-1)!;
    expect(again.user).toBeUndefined(); // the question is stored already
    expect(again.parentId).toBe(chat().entries[0]!.id);
    // Stored with the first answer: the worker reads it back.
    expect(turns(again)).toEqual(['ref:user:Capital of France?']);
    answer('Paris, on the Seine.');
    expect(shown()).toEqual(['user:Capital of France?', 'assistant:Paris, on the Seine.']);
    expect(chat().versions[chat().entries[1]!.id]).toMatchObject({ index: 1, ids: [first.id, again.runId] });

    chat().showVersion(again.runId, -1);
    expect(shown()).toEqual(['user:Capital of France?', 'assistant:Paris.']);
  });

  it('regenerates with another model, chosen for that answer only', () => {
    chat().send('Capital of France?');
    answer('Paris.');
    chat().regenerate(chat().entries[1]!.id, { provider: 'openai', model: 'gpt-5.4-mini' });
    expect(sends().at(-1)).toMatchObject({ provider: 'openai', model: 'gpt-5.4-mini' });
    expect(chat().entries[1]).toMatchObject({ provider: 'openai', model: 'gpt-5.4-mini', status: 'streaming' });
  });

  it('sends an edited question with the conversation before it only, and keeps the original with its answers', () => {
    chat().send('Capital of France?');
    answer('Paris.');
    chat().send('And of Italy?');
    answer('Rome.');
    const original = chat().entries[2]!;

    chat().edit(original.id, 'And of Spain?');
    const edited = sends().at(-1)!;
    expect(edited.user).toMatchObject({ role: 'user', content: 'And of Spain?', parentId: chat().entries[1]!.id });
    expect(turns(edited)).toEqual(['ref:user:Capital of France?', 'ref:assistant:Paris.', 'user:And of Spain?']);
    answer('Madrid.');
    expect(shown()).toEqual(['user:Capital of France?', 'assistant:Paris.', 'user:And of Spain?', 'assistant:Madrid.']);

    chat().showVersion(chat().entries[2]!.id, -1);
    expect(shown()).toEqual(['user:Capital of France?', 'assistant:Paris.', 'user:And of Italy?', 'assistant:Rome.']);
    // A new question goes below the version shown.
    const before = chat();
    chat().send('And of Germany?');
    expect(turns(sends().at(-1)!)).toEqual(['ref:user:Capital of France?', 'ref:assistant:Paris.', 'ref:user:And of Italy?', 'ref:assistant:Rome.', 'user:And of Germany?']);
    // Its view extends the one before (chat-view.ts viewAfter): the same message objects, the same
    // versions object, so the rows already shown (memoised) are not rendered again.
    expect(chat().entries.slice(0, 4).every((e, i) => e === before.entries[i])).toBe(true);
    expect(chat().versions).toBe(before.versions);
    expect(chat().versions[chat().entries[2]!.id]).toMatchObject({ index: 0 });
    expect(shown().slice(4)).toEqual(['user:And of Germany?', 'assistant:']);
  });

  it('neither edits nor regenerates while an answer streams', () => {
    chat().send('Capital of France?');
    const count = sends().length;
    chat().regenerate(chat().entries[1]!.id);
    chat().edit(chat().entries[0]!.id, 'Other?');
    expect(sends()).toHaveLength(count);
  });
});
