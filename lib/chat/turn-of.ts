import type { ChatTurn, TurnImage } from '../messaging/chat-port';
import type { MessageRecord } from './conversation-db';
import type { ImageAttachment } from './image-attachment';

/** What of a message becomes a turn of a request: the panel's entry or the worker's stored record. */
export type TurnSource = Pick<MessageRecord, 'id' | 'role' | 'content' | 'context' | 'sent' | 'images'>;

/** Whether a message goes to the provider at all: an answer that failed before its first word does not. */
export const sendsTurn = (message: TurnSource): boolean => message.content.trim() !== '' || message.context !== undefined || !!message.images?.length;

/** A stored image as the worker takes it: a screenshot names its page, which the site rules check again at send. */
const turnImage = (image: ImageAttachment, dataOf: (blob: Blob) => string): TurnImage => ({
  mediaType: image.mediaType,
  data: dataOf(image.blob),
  ...(image.source === 'screenshot' && image.page?.url ? { page: image.page.url } : {}),
});

/**
 * One message as a turn of the conversation the worker checks and frames (issue 16): page text
 * unframed with where it came from, what an answer already sent, images in base64 from `dataOf`.
 * The one conversion for both ends, so a turn the worker reads back from storage is the turn the
 * panel would have sent (issue 13 target 2).
 */
export function turnOf({ id, role, content, context, sent, images }: TurnSource, dataOf: (blob: Blob) => string): ChatTurn {
  return {
    id,
    role,
    content,
    ...(context && { context }),
    ...(sent && { sent }),
    ...(images?.length ? { images: images.map((image) => turnImage(image, dataOf)) } : {}),
  };
}
