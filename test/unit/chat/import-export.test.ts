import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ARCHIVE_FORMAT, batchesOf, parseArchive, toArchive } from '@/lib/chat/conversation-archive';
import type { ArchivedConversation, MessageRecord } from '@/lib/chat/conversation-db';
import { describeImport } from '@/lib/chat/history-transfer';
import { freshDb, matches, type Db } from './fresh-db';


const record = (conversationId: string, id: string, role: 'user' | 'assistant', content: string, at: number): MessageRecord => ({
  id,
  conversationId,
  at,
  role,
  content,
  status: 'done',
  parentId: null,
  ...(role === 'assistant' ? { provider: 'anthropic' as const, model: 'claude-sonnet-5-5', parentId: `${conversationId}-q` } : {}),
});

async function store(db: Db, id: string, question: string, answer: string) {
  await db.storeRunRecords({ user: record(id, `${id}-q`, 'user', question, 1), answer: record(id, `${id}-a`, 'assistant', answer, 2) });
}

const fileOf = (conversations: ArchivedConversation[]) => JSON.stringify(toArchive(conversations, new Date('2026-11-01T00:00:00Z')));

describe('the record of page text that left (issue 16)', () => {
  it('goes out in the JSON export and comes back on import, with where the page was read from', () => {
    const question: MessageRecord = {
      ...record('c', 'c-q', 'user', 'What does it say?', 1),
      context: { kind: 'page', title: 'Wiki', url: 'https://wiki.example.com/a?x=1', text: 'Text', totalChars: 4, readFrom: ['https://wiki.example.com/a'] },
    };
    const sent = [
      { messageId: 'c-q', kind: 'page' as const, url: 'https://wiki.example.com/a', chars: 4, provider: 'azure-openai' as const, endpoint: 'https://contoso.openai.azure.com' },
      // A screenshot of the page that went with the same question.
      { messageId: 'c-q', kind: 'screenshot' as const, url: 'https://wiki.example.com/a', chars: 0, provider: 'azure-openai' as const, endpoint: 'https://contoso.openai.azure.com' },
    ];
    const answer: MessageRecord = { ...record('c', 'c-a', 'assistant', 'It says…', 2), sent };
    const file = fileOf([{ id: 'c', title: 'Wiki', createdAt: 1, updatedAt: 2, messages: [question, answer] }]);
    expect(JSON.parse(file).conversations[0].messages[1].sent).toEqual(sent);
    const parsed = parseArchive(file);
    expect(parsed.ok && parsed.conversations[0]!.messages[1]!.sent).toEqual(sent);
    expect(parsed.ok && parsed.conversations[0]!.messages[0]!.context?.readFrom).toEqual(['https://wiki.example.com/a']);
  });
});

describe('export all, and import without duplicates', () => {
  let db: Db;
  beforeEach(async () => {
    db = await freshDb();
  });

  it('round-trips every conversation into an empty profile, search included, and adds nothing the second time', async () => {
    await store(db, 'c1', 'Tides?', 'The Moon.');
    await store(db, 'c2', 'Volcanoes?', 'Iceland has many.');
    const file = fileOf(await db.readAllConversations());

    const other = await freshDb();
    const parsed = parseArchive(file);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(await other.importConversations(parsed.conversations)).toEqual({ added: 2, extended: 0, unchanged: 0, messages: 4 });
    expect(await other.readAllConversations()).toEqual(await db.readAllConversations());
    expect(await matches(other, 'iceland')).toEqual(new Set(['c2']));

    expect(await other.importConversations(parsed.conversations)).toEqual({ added: 0, extended: 0, unchanged: 2, messages: 0 });
    expect((await other.getMessages('c1')).length).toBe(2);
  });

  it('adds to a conversation here only the messages it lacks, and never overwrites another conversation’s message', async () => {
    await store(db, 'c1', 'Tides?', 'The Moon.');
    const [exported] = await db.readAllConversations();
    const continued = { ...exported!, messages: [...exported!.messages, { ...record('c1', 'c1-q2', 'user', 'And the Sun?', 3), parentId: 'c1-a' }] };
    const hijack: ArchivedConversation = { id: 'c9', title: 'Other', createdAt: 5, updatedAt: 5, messages: [{ ...exported!.messages[0]!, content: 'rewritten' }] };
    expect(await db.importConversations([continued, hijack])).toEqual({ added: 0, extended: 1, unchanged: 1, messages: 1 });
    expect((await db.getMessages('c1')).map((m) => m.content)).toEqual(['Tides?', 'The Moon.', 'And the Sun?']);
    expect(await db.listConversationsPage(Infinity)).toHaveLength(1);
  });

  it('brings back a conversation deleted here, and the next answer in it is stored', async () => {
    await store(db, 'c1', 'Tides?', 'The Moon.');
    const all = await db.readAllConversations();
    await db.deleteConversation('c1');
    expect(await db.importConversations(all)).toMatchObject({ added: 1 });
    const next = { ...record('c1', 'c1-a2', 'assistant', 'More.', 9), status: 'streaming' as const };
    expect(await db.storeRunRecords({ answer: next })).toBe('written');
  });

  it('marks an answer exported while it streamed as interrupted', async () => {
    const conversation: ArchivedConversation = {
      id: 'c',
      title: 'T',
      createdAt: 1,
      updatedAt: 1,
      messages: [{ ...record('c', 'a', 'assistant', 'half', 1), status: 'streaming' }],
    };
    await db.importConversations([conversation]);
    expect((await db.getMessages('c'))[0]).toMatchObject({ status: 'error', error: { message: 'This answer was still being written when it was exported.' } });
  });
});

describe('a bad file', () => {
  const good = JSON.parse(fileOf([{ id: 'c', title: 'T', createdAt: 1, updatedAt: 1, messages: [record('c', 'q', 'user', 'Hi', 1)] }])) as Record<string, unknown>;

  it.each([
    ['not JSON', 'this is not json', /^This file is not an omni-ai export: it is not JSON \(.+\)\. Choose a file made by History → Export all\.$/],
    ['another JSON file', '{"name": "package"}', /^This file is not an omni-ai export: it has no "format": "omni-ai-conversations"\./],
    ['a newer export', JSON.stringify({ ...good, version: 7 }), /^This export was made by a newer omni-ai \(format version 7\)\. Update omni-ai/],
  ])('%s: says so', (_, text, message) => {
    const parsed = parseArchive(text);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });

  it('names the first wrong field by its place in the file, and imports nothing', () => {
    const bad = structuredClone(good) as { conversations: { messages: Record<string, unknown>[] }[] };
    bad.conversations[0]!.messages[0]!.role = 'robot';
    const parsed = parseArchive(JSON.stringify(bad));
    expect(!parsed.ok && parsed.message).toMatch(/^This file could not be imported: conversations\[0\]\.messages\[0\]\.role: .+\. Nothing was imported\.$/);
  });

  it('refuses an answer that does not say which provider and model wrote it', () => {
    const bad = structuredClone(good) as { conversations: { messages: Record<string, unknown>[] }[] };
    bad.conversations[0]!.messages.push({ id: 'a', at: 2, role: 'assistant', content: 'x', status: 'done' });
    const parsed = parseArchive(JSON.stringify(bad));
    expect(!parsed.ok && parsed.message).toContain('conversations[0].messages[1]: an answer needs its "provider" and "model"');
  });

  it('reads the format it writes', () => {
    expect(parseArchive(JSON.stringify(good))).toMatchObject({ ok: true, conversations: [{ id: 'c' }] });
    expect(good.format).toBe(ARCHIVE_FORMAT);
  });
});

describe('batches and words', () => {
  it('cuts a large import into batches the worker can take, keeping each conversation whole', () => {
    const big = (id: string): ArchivedConversation => ({ id, title: id, createdAt: 1, updatedAt: 1, messages: [record(id, `${id}-q`, 'user', 'x'.repeat(1000), 1)] });
    const batches = batchesOf([big('a'), big('b'), big('c')], 2500);
    expect(batches.map((b) => b.map((c) => c.id))).toEqual([['a', 'b'], ['c']]);
  });

  it('says what an import did', () => {
    expect(describeImport({ added: 2, extended: 1, unchanged: 3, messages: 9 })).toBe(
      'Imported 2 conversations, added messages to 1 conversation already here (9 messages); 3 conversations were here already.',
    );
    expect(describeImport({ added: 0, extended: 0, unchanged: 1, messages: 0 })).toBe('Nothing to import: 1 conversation in the file is here already.');
    expect(describeImport({ added: 0, extended: 0, unchanged: 0, messages: 0 })).toBe('The file has no conversations.');
  });
});
