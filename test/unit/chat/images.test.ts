import { describe, expect, it } from 'vitest';
import { base64ToBytes, blobToBase64, bytesToBase64 } from '@/lib/chat/base64';
import { historyOf, type ChatEntry } from '@/lib/chat/chat-store';
import { providerMessages } from '@/lib/chat/provider-messages';
import type { MessageRecord } from '@/lib/chat/conversation-db';
import { imageLabel, type ImageAttachment } from '@/lib/chat/image-attachment';
import { imageData, loadImageData, rememberImageData } from '@/lib/chat/image-data';
import { IMAGE_MAX_BYTES } from '@/lib/chat/image-limits';
import { recordFromWire, recordToWire } from '@/lib/chat/image-wire';
import { sniffImageType } from '@/lib/chat/sniff-image-type';
import { fixtureImage } from '../providers/images';

const png = fixtureImage('png');
const pngBlob = () => new Blob([base64ToBytes(png.data)], { type: 'image/png' });
const attachment = (blob = pngBlob()): ImageAttachment => ({ id: 'img-1', mediaType: 'image/png', width: 8, height: 6, source: 'pasted', blob });

describe('base64', () => {
  it('round-trips bytes of every value, and a large image without overflowing the stack', async () => {
    const all = new Uint8Array(256).map((_, i) => i);
    expect([...base64ToBytes(bytesToBase64(all))]).toEqual([...all]);
    const large = new Uint8Array(200_000).map((_, i) => (i * 7) % 256); // several slices
    expect(bytesToBase64(large)).toBe(Buffer.from(large).toString('base64'));
    expect(await blobToBase64(new Blob([large]))).toBe(Buffer.from(large).toString('base64'));
  });
});

describe('sniffImageType', () => {
  const head = (format: 'png' | 'jpeg' | 'webp') => Buffer.from(fixtureImage(format).data, 'base64').subarray(0, 12);
  it('tells PNG, JPEG and WebP by their bytes, whatever their label says', () => {
    expect(sniffImageType(head('png'))).toBe('image/png');
    expect(sniffImageType(head('jpeg'))).toBe('image/jpeg');
    expect(sniffImageType(head('webp'))).toBe('image/webp');
  });
  it('knows nothing else (GIF, BMP, text): those are drawn again before sending', () => {
    expect(sniffImageType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('BM\x00\x00', 'latin1'))).toBeUndefined();
    expect(sniffImageType(Buffer.from('RIFF\x00\x00\x00\x00WAVE', 'latin1'))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });
});

describe('an image across the chat port', () => {
  const record = (images: ImageAttachment[]): MessageRecord => ({ id: 'u', conversationId: 'c', at: 1, role: 'user', content: 'Hi', status: 'done', images });

  it('travels as base64 (the port is JSON) and is stored as a Blob of the same bytes', async () => {
    const sent = recordToWire(record([attachment()]), () => png.data);
    const wire = JSON.parse(JSON.stringify(sent)) as typeof sent; // what Chrome's messaging does to it
    expect(wire.images).toEqual([{ id: 'img-1', mediaType: 'image/png', width: 8, height: 6, source: 'pasted', data: png.data }]);
    const stored = recordFromWire(wire);
    const blob = stored.images![0]!.blob;
    expect(blob).toBeInstanceOf(Blob);
    expect(blob.type).toBe('image/png');
    expect(await blobToBase64(blob)).toBe(png.data);
    expect(stored.content).toBe('Hi');
  });

  it('leaves a message without images as it is', () => {
    const plain: MessageRecord = { id: 'u', conversationId: 'c', at: 1, role: 'user', content: 'Hi', status: 'done' };
    expect(recordFromWire(recordToWire(plain, () => ''))).toEqual(plain);
  });

  it('is refused in the worker when it is not what the panel makes', () => {
    const wire = (over: object) => ({ ...recordToWire(record([attachment()]), () => png.data), images: [{ ...recordToWire(record([attachment()]), () => png.data).images![0]!, ...over }] });
    expect(() => recordFromWire(wire({ mediaType: 'image/svg+xml' }))).toThrow('an image of type image/svg+xml cannot be sent');
    expect(() => recordFromWire(wire({ data: 'not base64!' }))).toThrow();
    const tooBig = Buffer.alloc(IMAGE_MAX_BYTES + 1).toString('base64');
    expect(() => recordFromWire(wire({ data: tooBig }))).toThrow(`over the cap of ${IMAGE_MAX_BYTES}`);
  });
});

describe('historyOf with images', () => {
  it('sends each image of the conversation with its turn, as base64 kept since it was attached or loaded', async () => {
    const sent = attachment();
    rememberImageData(sent.blob, png.data);
    const stored = attachment(pngBlob()); // a conversation reopened from History: only the Blob is there
    await loadImageData([{ images: [stored] }]);
    const entries: ChatEntry[] = [
      { id: '1', role: 'user', content: '', status: 'done', images: [stored] },
      { id: '2', role: 'assistant', content: 'A flag.', status: 'done', provider: 'anthropic', model: 'm' },
      { id: '3', role: 'user', content: 'Which one?', status: 'done', images: [sent] },
    ];
    // As the worker passes them on to the provider (providerMessages frames page text, keeps images).
    expect(providerMessages(historyOf(entries))).toEqual([
      { role: 'user', content: '', images: [{ mediaType: 'image/png', data: png.data }] },
      { role: 'assistant', content: 'A flag.' },
      { role: 'user', content: 'Which one?', images: [{ mediaType: 'image/png', data: png.data }] },
    ]);
  });

  it('says so when an image’s bytes were never read, rather than send the turn without it', () => {
    expect(() => imageData(pngBlob())).toThrow('An image of this conversation was not loaded');
  });
});

describe('imageLabel', () => {
  it('describes each image by where it came from', () => {
    expect(imageLabel({ source: 'pasted' }, 0)).toBe('Pasted image 1');
    expect(imageLabel({ source: 'dropped', fileName: 'chart.png' }, 1)).toBe('Dropped image 2 (chart.png)');
    expect(imageLabel({ source: 'screenshot', page: { title: 'Tides explained', url: 'http://x/' } }, 0)).toBe('Screenshot of Tides explained');
  });
});
