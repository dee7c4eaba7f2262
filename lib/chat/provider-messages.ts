import type { ChatTurn } from '../messaging/chat-port';
import { frameWithContext } from '../page/frame-context';
import type { ChatMessage } from '../providers/types';

/**
 * The conversation as the provider gets it: each question with its page text framed as untrusted
 * content. Done in the worker, after the site rules were checked, so page text reaches a request
 * only through that check. Images go as they came, in base64 (a screenshot checked like page text first) (each adapter puts them in its format).
 */
export function providerMessages(turns: readonly ChatTurn[]): ChatMessage[] {
  return turns.map((turn) => ({
    role: turn.role,
    // The frame is named from the message's id; a turn without one (never sent by the panel) gets a
    // random name rather than a guessable one.
    content: turn.role === 'user' ? frameWithContext(turn.content, turn.context, turn.id ?? crypto.randomUUID()) : turn.content,
    // Only the picture goes: the page a screenshot shows was for the site rules, not the provider.
    ...(turn.images?.length ? { images: turn.images.map(({ mediaType, data }) => ({ mediaType, data })) } : {}),
  }));
}
