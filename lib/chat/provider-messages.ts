import type { ChatTurn } from '../messaging/chat-port';
import { frameWithContext } from '../page/frame-context';
import type { ChatMessage } from '../providers/types';

/**
 * The conversation as the provider gets it: each question with its page text framed as untrusted
 * content. Done in the worker, after the site rules were checked, so page text reaches a request
 * only through that check.
 */
export function providerMessages(turns: readonly ChatTurn[]): ChatMessage[] {
  return turns.map((turn) => ({
    role: turn.role,
    content: turn.role === 'user' ? frameWithContext(turn.content, turn.context) : turn.content,
  }));
}
