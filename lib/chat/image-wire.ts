import { isImageMediaType } from '../providers/image-media-types';
import { base64ToBytes } from './base64';
import type { MessageRecord } from './conversation-db';
import type { ImageAttachment, WireImage } from './image-attachment';
import { IMAGE_MAX_BYTES } from './image-limits';

/** A user's message as the chat port carries it: its images with their bytes in base64. */
export type WireMessageRecord = Omit<MessageRecord, 'images'> & { images?: WireImage[] };

/** The panel's side: each image's bytes from `dataOf` (kept in memory since it was attached). */
export function recordToWire(record: MessageRecord, dataOf: (blob: Blob) => string): WireMessageRecord {
  if (!record.images) return record as WireMessageRecord;
  return { ...record, images: record.images.map(({ blob, ...image }) => ({ ...image, data: dataOf(blob) })) };
}

/**
 * The worker's side: the record to store, with each image's bytes as a Blob. An image that is not
 * what the panel makes (another type, not base64, over the cap) is refused with the reason.
 */
export function recordFromWire(record: WireMessageRecord): MessageRecord {
  if (!record.images) return record as MessageRecord;
  return { ...record, images: record.images.map(imageFromWire) };
}

function imageFromWire({ data, ...image }: WireImage): ImageAttachment {
  if (!isImageMediaType(image.mediaType)) throw new Error(`an image of type ${String(image.mediaType)} cannot be sent`);
  // Its size from the base64's length, before decoding anything that large.
  const size = Math.floor((data.length * 3) / 4) - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  if (size > IMAGE_MAX_BYTES) throw new Error(`an image of ${size} bytes is over the cap of ${IMAGE_MAX_BYTES}`);
  const bytes = base64ToBytes(data);
  return { ...image, blob: new Blob([bytes], { type: image.mediaType }) };
}
