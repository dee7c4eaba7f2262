import { checkImage } from './image-check';

/**
 * Each provider's own validation of the images in a request, as its API documents and answers it:
 * the part's shape, the declared type against the bytes, size limits, and the wording and shape of
 * the 400 it sends back. Each returns the error response to send, or undefined when all is well.
 */
export interface Refusal {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Json = Record<string, unknown>;
const MB = 1024 * 1024;
const parts = (content: unknown): Json[] => (Array.isArray(content) ? (content as Json[]) : []);

/** OpenAI's and Azure's `image_url` parts: a data URL of png, jpeg, gif or webp, up to 20 MB. */
export function openAIImageRefusal(body: Json, flavour: 'openai' | 'azure', textOnlyModel: boolean): Refusal | undefined {
  const messages = (body.messages as Json[] | undefined) ?? [];
  for (const [i, message] of messages.entries())
    for (const [j, part] of parts(message.content).entries()) {
      if (part.type !== 'image_url') continue;
      if (textOnlyModel)
        return {
          status: 400,
          body: { error: { message: 'Invalid content type. image_url is only supported by certain models.', type: 'invalid_request_error', param: `messages.[${i}].content.[${j}].type`, code: null } },
        };
      const url = String((part.image_url as Json | undefined)?.url ?? '');
      const dataUrl = /^data:image\/(png|jpeg|gif|webp);base64,(.*)$/s.exec(url);
      if (!dataUrl)
        return flavour === 'azure'
          ? { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid image URL. The URL must be a valid HTTP or HTTPS URL, or a data URL with base64 encoding.' } } }
          : {
              status: 400,
              body: {
                error: {
                  message: `Invalid 'messages[${i}].content[${j}].image_url.url'. Expected a base64-encoded data URL with an image MIME type (e.g. 'data:image/png;base64,aW1nIGJ5dGVzIGhlcmU='), but got an invalid base64 value.`,
                  type: 'invalid_request_error',
                  param: `messages[${i}].content[${j}].image_url.url`,
                  code: 'invalid_value',
                },
              },
            };
      const check = checkImage(dataUrl[2]!, 20 * MB);
      if (!check.ok)
        return flavour === 'azure'
          ? { status: 400, body: { error: { code: 'BadRequest', message: 'Invalid image (base64) data.' } } }
          : {
              status: 400,
              body: {
                error: {
                  message: "You uploaded an unsupported image. Please make sure your image is below 20 MB in size and is of one the following formats: ['png', 'jpeg', 'gif', 'webp'].",
                  type: 'invalid_request_error',
                  param: null,
                  code: 'invalid_image_format',
                },
              },
            };
    }
  return undefined;
}

const anthropic400 = (message: string): Refusal => ({ status: 400, body: { type: 'error', error: { type: 'invalid_request_error', message } } });

/** Anthropic's content blocks: base64 image sources whose bytes match their media_type, up to 5 MB and 8000 px; no empty text. */
export function anthropicImageRefusal(body: Json): Refusal | undefined {
  const messages = (body.messages as Json[] | undefined) ?? [];
  for (const [i, message] of messages.entries())
    for (const [j, block] of parts(message.content).entries()) {
      const at = `messages.${i}.content.${j}`;
      if (block.type === 'text' && !String(block.text ?? '').trim()) return anthropic400('messages: text content blocks must be non-empty');
      if (block.type !== 'image') continue;
      const source = (block.source as Json | undefined) ?? {};
      if (source.type !== 'base64') return anthropic400(`${at}.image.source: Input tag '${String(source.type)}' found using 'type' does not match any of the expected tags: 'base64', 'url'`);
      const mediaType = String(source.media_type);
      if (!['image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(mediaType))
        return anthropic400(`${at}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`);
      const check = checkImage(String(source.data ?? ''), 5 * MB);
      if (!check.ok)
        return anthropic400(check.problem === 'too-large' ? `${at}.image.source.base64: image exceeds 5 MB maximum: ${check.detail}` : `${at}.image.source.base64.data: Could not process image`);
      if (`image/${check.type}` !== mediaType) return anthropic400(`${at}.image.source.base64.data: Image does not match the provided media type ${mediaType}`);
      if (Math.max(check.width, check.height) > 8000) return anthropic400(`${at}.image.source.base64: image dimensions exceed max allowed size: 8000 pixels`);
    }
  return undefined;
}

/** Bedrock Converse's ContentBlocks: an ImageBlock's format in [png, jpeg, gif, webp], its bytes (base64 in JSON) of that format, up to 3.75 MB; no blank text. */
export function bedrockImageRefusal(body: Json): { type: string; message: string } | undefined {
  const messages = (body.messages as Json[] | undefined) ?? [];
  for (const [i, message] of messages.entries())
    for (const [j, block] of parts(message.content).entries()) {
      if ('text' in block && !String(block.text).trim())
        return {
          type: 'ValidationException',
          message: `The text field in the ContentBlock object at messages.${i}.content.${j} is blank. Add text to the text field, and try again.`,
        };
      if (!('image' in block)) continue;
      const image = (block.image as Json | undefined) ?? {};
      const format = String(image.format);
      if (!['png', 'jpeg', 'gif', 'webp'].includes(format))
        return {
          type: 'ValidationException',
          message: `1 validation error detected: Value at 'messages.${i + 1}.member.content.${j + 1}.member.image.format' failed to satisfy constraint: Member must satisfy enum value set: [png, jpeg, gif, webp]`,
        };
      const check = checkImage(String((image.source as Json | undefined)?.bytes ?? ''), 3.75 * MB);
      if (!check.ok || check.type !== format)
        return {
          type: 'ValidationException',
          message:
            !check.ok && check.problem === 'too-large'
              ? `The model returned the following errors: messages.${i}.content.${j}.image.source: image exceeds 3.75 MB maximum`
              : 'The model returned the following errors: The provided image does not match the specified image format.',
        };
    }
  return undefined;
}

/** Gemini's parts: `inlineData` of png, jpeg, webp, heic or heif (no GIF), valid bytes; no empty text. */
export function vertexImageRefusal(body: Json): string | undefined {
  const contents = (body.contents as Json[] | undefined) ?? [];
  for (const content of contents)
    for (const part of parts(content.parts)) {
      if ('text' in part && !String(part.text).trim())
        return 'Unable to submit request because it has an empty text parameter. Add a value to the parameter and try again.';
      if (!('inlineData' in part)) continue;
      const inline = (part.inlineData as Json | undefined) ?? {};
      const mimeType = String(inline.mimeType);
      if (!['image/png', 'image/jpeg', 'image/webp', 'image/heic', 'image/heif'].includes(mimeType)) return `Unsupported MIME type: ${mimeType}`;
      const check = checkImage(String(inline.data ?? ''), 7 * MB);
      if (!check.ok || `image/${check.type}` !== mimeType) return 'Provided image is not valid';
    }
  return undefined;
}
