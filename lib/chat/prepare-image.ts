import type { ImageMediaType } from '../providers/image-media-types';
import { IMAGE_MAX_BYTES, IMAGE_MAX_INPUT_BYTES, IMAGE_MAX_SIDE } from './image-limits';
import { sniffImageType } from './sniff-image-type';
import { t } from '../i18n/t';

export interface PreparedImage {
  blob: Blob;
  mediaType: ImageMediaType;
  width: number;
  height: number;
}

/** Why a file cannot be attached, as the user reads it. */
export class ImageNotUsable extends Error {}

const MB = 1024 * 1024;

/**
 * Makes an image ready to send, in the side panel (OffscreenCanvas and createImageBitmap; the
 * worker never decodes images): kept byte for byte when it is a PNG, JPEG or WebP within the cap,
 * else drawn again at most IMAGE_MAX_SIDE on its longest side, as PNG (a screenshot's text stays
 * sharp) or, when that is over IMAGE_MAX_BYTES, as JPEG, smaller each time until it fits.
 */
export async function prepareImage(file: Blob): Promise<PreparedImage> {
  if (file.size > IMAGE_MAX_INPUT_BYTES)
    throw new ImageNotUsable(t('image_too_large', Math.round(file.size / MB), IMAGE_MAX_INPUT_BYTES / MB));
  const sniffed = sniffImageType(new Uint8Array(await file.slice(0, 12).arrayBuffer()));
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw new ImageNotUsable(t('image_unreadable_type'));
  }
  try {
    const { width, height } = bitmap;
    if (sniffed && Math.max(width, height) <= IMAGE_MAX_SIDE && file.size <= IMAGE_MAX_BYTES)
      return { blob: file.slice(0, file.size, sniffed), mediaType: sniffed, width, height };
    const scale = Math.min(1, IMAGE_MAX_SIDE / Math.max(width, height));
    let size = { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
    let mediaType: ImageMediaType = sniffed === 'image/jpeg' ? 'image/jpeg' : 'image/png';
    for (let attempt = 0; attempt < 12; attempt++) {
      const blob = await draw(bitmap, size, mediaType);
      if (blob.size <= IMAGE_MAX_BYTES) return { blob, mediaType, ...size };
      // A photo is far smaller as JPEG; after that, fewer pixels.
      if (mediaType === 'image/png') mediaType = 'image/jpeg';
      else size = { width: Math.max(1, Math.round(size.width * 0.75)), height: Math.max(1, Math.round(size.height * 0.75)) };
    }
    throw new ImageNotUsable(t('image_not_smaller', IMAGE_MAX_BYTES / MB));
  } finally {
    bitmap.close();
  }
}

async function draw(bitmap: ImageBitmap, size: { width: number; height: number }, mediaType: ImageMediaType): Promise<Blob> {
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d')!;
  if (mediaType === 'image/jpeg') {
    // JPEG has no transparency: transparent parts become white, as on a page, not black.
    context.fillStyle = '#fff';
    context.fillRect(0, 0, size.width, size.height);
  }
  context.imageSmoothingQuality = 'high';
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  return canvas.convertToBlob({ type: mediaType, quality: 0.85 });
}
