import { imageSize } from 'image-size';

/** An image as a fake provider found it, or what is wrong with it. */
export type ImageCheck =
  | { ok: true; type: ImageType; width: number; height: number; bytes: number }
  | { ok: false; problem: 'not-base64' | 'not-image' | 'truncated' | 'too-large'; detail: string };

const TYPES = ['png', 'jpeg', 'gif', 'webp'] as const;
export type ImageType = (typeof TYPES)[number];

/** Strict base64 (RFC 4648 §4, padded): Node's decoder would skip what is not, real APIs refuse it. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The last bytes every complete file of the type ends with (PNG's IEND chunk, JPEG's EOI marker). */
function complete(type: ImageType, bytes: Buffer): boolean {
  if (type === 'png') return bytes.subarray(-8, -4).toString('latin1') === 'IEND';
  if (type === 'jpeg') return bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
  if (type === 'webp') return bytes.readUInt32LE(4) + 8 === bytes.length; // the RIFF size covers the file
  return bytes[bytes.length - 1] === 0x3b; // GIF's trailer
}

/**
 * What a provider's image decoder sees in base64 data: the real type from the bytes (not from the
 * label), the size in pixels, and whether the file is whole. It reads headers and ends, not every
 * pixel, which is enough to catch what a client gets wrong: not base64, not an image, cut short,
 * over the size limit.
 */
export function checkImage(data: string, maxBytes: number): ImageCheck {
  if (!BASE64.test(data)) return { ok: false, problem: 'not-base64', detail: 'invalid base64 data' };
  const bytes = Buffer.from(data, 'base64');
  if (bytes.length > maxBytes) return { ok: false, problem: 'too-large', detail: `${bytes.length} bytes is over ${maxBytes}` };
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(bytes);
  } catch {
    return { ok: false, problem: 'not-image', detail: 'not an image' };
  }
  const type = TYPES.find((t) => t === (size.type === 'jpg' ? 'jpeg' : size.type));
  if (!type) return { ok: false, problem: 'not-image', detail: `unsupported image type ${size.type}` };
  if (!complete(type, bytes)) return { ok: false, problem: 'truncated', detail: 'the image data is cut short' };
  return { ok: true, type, width: size.width, height: size.height, bytes: bytes.length };
}
