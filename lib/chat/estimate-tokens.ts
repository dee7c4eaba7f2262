import type { ChatTurn } from '../messaging/chat-port';
import { frameWithContext } from '../page/frame-context';

/**
 * What an image costs a request, whatever its size: the most either vendor charges for one within
 * omni-ai's cap (1568 px on its longest side, image-limits.ts). Anthropic's vision guide: about
 * width × height / 750 tokens, at most about 1,600 once it has scaled the image to 1.15 megapixels;
 * OpenAI's high detail: 85 + 170 per 512-px tile after scaling the short side to 768 px, 1,105 for a
 * 16:9 screenshot; Gemini: 258. Counted flat: the worker holds only the image's base64, not its size.
 */
export const IMAGE_TOKENS = 1_600;

/**
 * What a turn costs besides its text: the role and the message's framing in the request (OpenAI's
 * cookbook counts 3 to 4 tokens a message; rounded up for the other formats).
 */
export const TURN_OVERHEAD_TOKENS = 8;

/**
 * Tokens of a text, estimated from above, in one pass without a tokenizer: 3 characters a token
 * for ASCII, where OpenAI's and Anthropic's rule of thumb for English prose is about 4 (code and
 * numbers split finer, and Claude's newer tokenizer yields about 30% more tokens for the same text),
 * and a token for each other UTF-16 unit (CJK text is about one token per character, accented
 * Latin and Cyrillic less). Erring high costs the oldest turns of a long conversation; erring low
 * would make the provider refuse the request. An exact count would need each provider's tokenizer,
 * which the worker does not have for most of them (Claude's is not public).
 */
export function estimateTextTokens(text: string): number {
  let ascii = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x80) ascii++;
  return Math.ceil(ascii / 3) + (text.length - ascii);
}

/**
 * What of a message the estimate reads: the panel's entry, the worker's stored record and the turn
 * made of either (turn-of.ts) give the same figure for the same message, since the estimate reads
 * only these fields and turnOf copies them unchanged (images: only how many). So the panel can put a
 * stored turn's estimate in the reference it sends (TurnRef.tokens), and the worker can check it on
 * the record it reads back (read-path.ts).
 */
export type EstimatedTurn = Pick<ChatTurn, 'id' | 'role' | 'content' | 'context'> & { images?: readonly unknown[] };

/**
 * Turns estimated so far: a cached turn (read-path.ts) is the same object at every send, and so is
 * an unchanged entry of the panel's store (zustand replaces an entry when it changes), so each is
 * counted once.
 */
const known = new WeakMap<EstimatedTurn, number>();

/**
 * A turn's tokens as the provider will be sent it: its text with the page text framed as
 * providerMessages frames it (the frame's name has the same length whatever the id), its images
 * at the flat cost.
 */
export function estimateTurnTokens(turn: EstimatedTurn): number {
  const cached = known.get(turn);
  if (cached !== undefined) return cached;
  const text = turn.role === 'user' && turn.context ? frameWithContext(turn.content, turn.context, turn.id ?? '') : turn.content;
  const tokens = estimateTextTokens(text) + (turn.images?.length ?? 0) * IMAGE_TOKENS + TURN_OVERHEAD_TOKENS;
  known.set(turn, tokens);
  return tokens;
}
