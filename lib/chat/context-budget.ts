import { isTurnRef, type SendTurn } from '../messaging/chat-port';
import type { ContextCut } from './conversation-db';
import { estimateTurnTokens } from './estimate-tokens';

/**
 * Kept free for the answer. omni-ai asks Anthropic for 8,192 tokens unless the user set "Maximum
 * output tokens" (anthropic.ts), and a window counts the answer with the question (Anthropic's
 * "Context windows"; OpenAI's max_completion_tokens). A quarter of a small window at most, so an
 * 8,192-token model still gets most of its window as history.
 */
export const ANSWER_RESERVE_TOKENS = 8_192;

/** What the request adds around the turns that the budget cannot see: the system prompt (settings), the adapter's framing. */
export const REQUEST_ALLOWANCE_TOKENS = 1_024;

/** The tokens a request's turns may take in a model that takes `contextTokens` (context-sizes.ts). */
export function turnBudget(contextTokens: number): number {
  return Math.max(0, contextTokens - Math.min(ANSWER_RESERVE_TOKENS, Math.floor(contextTokens / 4)) - REQUEST_ALLOWANCE_TOKENS);
}

export interface Budgeted<T extends SendTurn = SendTurn> {
  /** The turns that go, the new question last. */
  turns: T[];
  /** Set when older turns were left out: how many went, of how many. */
  cut?: ContextCut;
}

/**
 * A turn's estimated tokens: a turn in full estimated here, one sent by reference as the panel
 * estimated it from the same text (TurnRef.tokens). The worker checks that figure on each
 * referenced turn it reads back (read-path.ts); it does not read the ones left out.
 */
export const turnCost = (turn: SendTurn): number => (isTurnRef(turn) ? turn.tokens : estimateTurnTokens(turn));

/**
 * Where fitToContext stops on these turns: the index of the newest turn that does not fit beside the
 * newer ones, or undefined when all of them fit. Every turn before it is left out too (the kept turns
 * are a run back from the question), so a panel may leave those out of the send altogether and say
 * how many (`older`), as long as it sends this one: the worker's fit then stops at the same turn it
 * would stop at on all of them, and checks that it does (issue 13 target 2: a 1,000-message
 * conversation posted 1,003 references, 84 KB, with every question; the post was most of the panel's
 * part of the first token).
 */
export function firstLeftOut<T>(turns: readonly T[], cost: (turn: T) => number, contextTokens: number): number | undefined {
  const budget = turnBudget(contextTokens);
  let first = turns.length - 1;
  if (first < 1) return undefined;
  let used = cost(turns[first]!);
  for (; first > 0; first--) {
    const next = cost(turns[first - 1]!);
    if (used + next > budget) return first - 1;
    used += next;
  }
  return undefined;
}

/**
 * The newest turns that fit the model's context (issue 13 target 2): a 1,000-message conversation
 * is more than most models take, and sending it all made the provider refuse the question. The
 * oldest turns go first, whole (never half a turn: a question's page text and images go with it or
 * not at all); the new question always goes. The turns kept are a run back from the question, never
 * one skipped and an older one kept, and start with a question, so user and assistant turns still
 * alternate as they did, which Anthropic's Messages API requires of the first message (a user turn).
 *
 * A new question that alone is over the budget goes alone, as it would have gone before the budget:
 * the estimate errs high, so refusing on it could refuse what the provider takes, and when the
 * provider refuses, its own message says by how much. The caller tells the user what was left out
 * (`cut`): nothing is dropped silently.
 *
 * Fitted before any turn named by reference is read back, from the newest back (the loop stops at
 * the first turn that does not fit): in a 1,000-message conversation the worker then reads and
 * converts the ~80 turns that go instead of all of them (issue 13 target 2, first token).
 */
export function fitToContext<T extends SendTurn>(turns: readonly T[], contextTokens: number): Budgeted<T> {
  return keptAfter(turns, firstLeftOut(turns, turnCost, contextTokens), 0);
}

/**
 * A send's fit, where the panel left `older` turns out before `turns` as beyond the budget (chat-store
 * sendTurnsOf): the same turns go as fitToContext would keep from all of them, and the cut's total
 * counts the ones left out. Undefined when every turn sent fits (the budget stops only before them), so it could
 * have kept one of those left out: the caller asks the panel for every turn (`history-needed`). A
 * panel cannot make the worker skip a turn the model could have had.
 */
export function fitSend<T extends SendTurn>(turns: readonly T[], contextTokens: number, older: number): Budgeted<T> | undefined {
  const stop = firstLeftOut(turns, turnCost, contextTokens);
  if (older > 0 && stop === undefined) return undefined;
  return keptAfter(turns, stop, older);
}

/** The turns after `stop` (firstLeftOut's; undefined: all), starting with a question, and the cut if any. */
function keptAfter<T extends SendTurn>(turns: readonly T[], stop: number | undefined, older: number): Budgeted<T> {
  if (turns.length < 2) return { turns: [...turns] };
  let first = (stop ?? -1) + 1;
  // An answer whose question was left out would open the request with an assistant turn.
  while (first < turns.length - 1 && turns[first]!.role !== 'user') first++;
  if (first === 0) return { turns: [...turns] };
  const kept = turns.slice(first);
  return { turns: kept, cut: { kept: kept.length, total: older + turns.length } };
}
