/**
 * The image types omni-ai sends: the ones every provider reads. OpenAI, Anthropic and Bedrock also
 * take GIF, but Gemini on Vertex AI does not, so a GIF (or a BMP, an AVIF…) is re-encoded in the
 * side panel before it is attached (lib/chat/prepare-image.ts).
 */
export const IMAGE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export type ImageMediaType = (typeof IMAGE_MEDIA_TYPES)[number];

export function isImageMediaType(value: unknown): value is ImageMediaType {
  return typeof value === 'string' && (IMAGE_MEDIA_TYPES as readonly string[]).includes(value);
}
