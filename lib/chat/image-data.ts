import { t } from '../i18n/t';
import { blobToBase64 } from './base64';
import type { ImageAttachment } from './image-attachment';

/**
 * Each image's bytes in base64, kept in the side panel's memory while its Blob is in use: the whole
 * conversation goes to the provider with every message, and the chat store sends without waiting.
 * Filled when an image is attached and when a stored conversation is opened; keyed by the Blob, so
 * it goes when the conversation does. Never stored: IndexedDB keeps the Blob.
 */
const dataOf = new WeakMap<Blob, string>();

export function rememberImageData(blob: Blob, data: string): void {
  dataOf.set(blob, data);
}

export function imageData(blob: Blob): string {
  const data = dataOf.get(blob);
  if (data === undefined) throw new Error(t('image_not_loaded'));
  return data;
}

/** Reads the bytes of every image in these messages that is not in memory yet. */
export async function loadImageData(messages: { images?: ImageAttachment[] }[]): Promise<void> {
  const blobs = messages.flatMap((m) => m.images ?? []).map((image) => image.blob);
  await Promise.all(blobs.filter((blob) => !dataOf.has(blob)).map(async (blob) => dataOf.set(blob, await blobToBase64(blob))));
}
