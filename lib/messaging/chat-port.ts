import type { ContextCut, PageContext, SentPage } from '../chat/conversation-db';
import type { WireMessageRecord } from '../chat/image-wire';
import type { StorageProblem } from '../chat/storage-problem';
import { isProviderId, type ProviderId } from '../providers/catalog';
import type { ChatMessage, FinishReason, ImagePart, StreamError, Usage } from '../providers/types';

/** The long-lived port between the side panel and the service worker. */
export const CHAT_PORT = 'chat';

/**
 * The chat port's name, with the provider the panel has chosen (`chat:openai`): a stopped worker
 * imports that provider's SDK the moment the port connects, without reading the settings first to
 * learn it (issue 13 §4). Only a hint: a Send names its own provider, which the run uses.
 */
export function chatPortName(provider?: ProviderId): string {
  return provider ? `${CHAT_PORT}:${provider}` : CHAT_PORT;
}

/** A chat port's provider hint (`null` when its name gives none), or `undefined` when the name is not a chat port's. */
export function chatPortProvider(name: string): ProviderId | null | undefined {
  if (name === CHAT_PORT) return null;
  const provider = name.startsWith(`${CHAT_PORT}:`) ? name.slice(CHAT_PORT.length + 1) : undefined;
  return isProviderId(provider) ? provider : undefined;
}

/**
 * One turn of the conversation as the panel holds it. Page text travels unframed, with where it was
 * read from, so the worker checks it against the site rules and frames it itself: no request can
 * carry page text the worker has not checked (issue 16).
 */
export interface ChatTurn extends Omit<ChatMessage, 'images'> {
  /** Images the user attached to this turn; a screenshot says which page it shows, for the site rules. */
  images?: TurnImage[];
  /** The message's id (it names the untrusted-content frame of its page text). */
  id?: string;
  /** On a question: the page text attached to it. */
  context?: PageContext;
  /** On an answer: the page text its request carried, so it is recorded once per recipient. */
  sent?: SentPage[];
}

/** An image of a turn as it crosses the port: for a screenshot, the address of the page it shows. */
export type TurnImage = ImagePart & { page?: string };

/**
 * A turn the worker reads back from IndexedDB instead of receiving it again (issue 13 target 2: the
 * whole history, images in base64, cost about 250 ms per question in a 1,000-message conversation).
 * The panel names only turns it loaded from storage or that the worker recorded without a storage
 * problem; `chars` and `images` are what the panel holds of it, so a record that is stale (a final
 * write lost with a stopped worker) or missing is never sent in its place: the worker asks for the
 * full turns instead (`history-needed`).
 */
export interface TurnRef {
  ref: string;
  /** Length of its text as the panel shows it. */
  chars: number;
  /** How many images it has. */
  images: number;
  /** Whose turn it is: the budget keeps turns from a question on (context-budget.ts). */
  role: ChatTurn['role'];
  /**
   * Its estimated tokens (estimate-tokens.ts), from the panel's copy, which is the stored text: the
   * worker fits the request to the model's context from these before reading any record, so it
   * reads back only the turns that go (issue 13 target 2), and checks each one it reads against
   * this figure as against `chars` (read-path.ts).
   */
  tokens: number;
}

/** One turn of a `send`: in full, or by reference to its stored record. */
export type SendTurn = ChatTurn | TurnRef;

export const isTurnRef = (turn: SendTurn): turn is TurnRef => 'ref' in turn;

/** Side panel → service worker. */
export type ChatClientMessage =
  | {
      type: 'send';
      runId: string;
      conversationId: string;
      /** The new user message to store, images in base64 (absent on Retry, which answers the same message again). */
      user?: WireMessageRecord;
      /** The failed answer a Retry replaces. */
      replaces?: string;
      /** The question the answer follows (absent for old panels: the answer follows the last message). */
      parentId?: string;
      provider: ProviderId;
      model: string;
      /**
       * The conversation so far, the new question last, images in base64; the worker frames page
       * text. Stored turns go by reference (TurnRef); the new question always in full.
       */
      messages: SendTurn[];
      /**
       * How many turns of the conversation, before `messages`, the panel left out because the
       * context budget cannot keep them (context-budget.ts firstLeftOut): counted in the cut's total.
       * The worker checks that its fit stops within `messages`; if not, it asks for every turn.
       */
      older?: number;
    }
  | { type: 'stop'; runId: string }
  /**
   * The panel opened a long stored conversation: the worker reads its finished turns into its cache
   * (read-path.ts) now, so the first question in it does not wait for IndexedDB (issue 13 target 2).
   */
  | { type: 'warm'; conversationId: string }
  /** After reconnecting: the text so far of a run that may still be streaming, then its deltas. */
  | { type: 'attach'; runId: string };

/** Service worker → side panel: deltas only, never the whole answer again (except on attach). */
export type ChatServerMessage =
  | { type: 'delta'; runId: string; text: string }
  | { type: 'snapshot'; runId: string; text: string; status: RunStatus; error?: StreamError; storage?: StorageProblem }
  | { type: 'done'; runId: string; reason: FinishReason; usage?: Usage }
  | { type: 'error'; runId: string; error: StreamError; stopped: boolean }
  /** The run's records could not be stored (a problem), or are stored again after a failure (none). */
  | { type: 'storage'; runId: string; problem?: StorageProblem }
  /** The page text the request carries to a recipient new to it, sent before the request starts. */
  | { type: 'sent'; runId: string; sent: SentPage[] }
  /**
   * The request leaves the conversation's oldest turns out to fit the model's context
   * (context-budget.ts), sent before the request starts: the answer says so, and its record keeps it.
   */
  | { type: 'context-cut'; runId: string; cut: ContextCut }
  /**
   * The site rules refuse page text in the conversation for this provider: nothing was sent or
   * stored, and the panel gives the question back to the user with the reason.
   */
  | { type: 'refused'; runId: string; message: string }
  /**
   * A turn the send named by reference could not be read back as the panel holds it (missing,
   * different, or the store failed or did not answer in time): nothing was sent, and the panel sends
   * the same run again with every turn in full. Never a shorter history sent silently.
   */
  | { type: 'history-needed'; runId: string };

export type RunStatus = 'streaming' | 'done' | 'error' | 'stopped' | 'unknown';
