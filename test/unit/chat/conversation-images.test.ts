import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { base64ToBytes, blobToBase64 } from '@/lib/chat/base64';
import type { MessageRecord } from '@/lib/chat/conversation-db';
import { fixtureImage } from '../providers/images';

describe('images stored with their conversation', () => {
  it('are kept as Blobs in the message record, not as base64 in its text, and read back whole', async () => {
    globalThis.indexedDB = new IDBFactory();
    vi.resetModules();
    const db = await import('@/lib/chat/conversation-db');
    const png = fixtureImage('png');
    const user: MessageRecord = {
      id: 'u',
      conversationId: 'c',
      at: 1,
      role: 'user',
      content: '',
      status: 'done',
      images: [{ id: 'i', mediaType: 'image/png', width: 8, height: 6, source: 'screenshot', page: { title: 'Tides explained', url: 'http://127.0.0.1/' }, blob: new Blob([base64ToBytes(png.data)], { type: 'image/png' }) }],
    };
    const answer: MessageRecord = { id: 'a', conversationId: 'c', at: 2, role: 'assistant', content: '', status: 'streaming', provider: 'anthropic', model: 'm' };
    await db.storeRunRecords({ answer, user });

    const [stored] = await db.getMessages('c');
    expect(stored!.content).toBe('');
    const image = stored!.images![0]!;
    expect(image.blob).toBeInstanceOf(Blob);
    expect(await blobToBase64(image.blob)).toBe(png.data);
    expect(image).toMatchObject({ mediaType: 'image/png', width: 8, height: 6, source: 'screenshot' });
    // A question of images alone is titled after its first image.
    expect((await db.listConversationsPage(Infinity))[0]!.title).toBe('Screenshot of Tides explained');

    await db.deleteConversation('c');
    expect(await db.getMessages('c')).toEqual([]);
  });
});
