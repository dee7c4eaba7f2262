import type { ImageMediaType } from '../providers/image-media-types';

/**
 * The type of image the bytes are, from their signature, when it is one omni-ai sends as is: a file
 * named .png (or labelled image/png by the clipboard) can hold a JPEG, and Anthropic refuses an
 * image whose bytes do not match the media type sent with it ("Image does not match the provided
 * media type"). PNG (its 8-byte signature), JPEG (SOI and a marker), WebP (RIFF….WEBP).
 */
export function sniffImageType(head: Uint8Array): ImageMediaType | undefined {
  const starts = (bytes: number[], at = 0) => bytes.every((byte, i) => head[at + i] === byte);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return undefined;
}
