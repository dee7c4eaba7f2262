import type { PageContext, SentPage } from '../chat/conversation-db';
import type { WireMessageRecord } from '../chat/image-wire';
import type { StorageProblem } from '../chat/storage-problem';
import type { ProviderId } from '../providers/catalog';
import type { ChatMessage, FinishReason, ImagePart, StreamError, Usage } from '../providers/types';

/** The long-lived port between the side panel and the service worker. */
export const CHAT_PORT = 'chat';

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
      /** The conversation so far, the new question last, images in base64; the worker frames page text. */
      messages: ChatTurn[];
    }
  | { type: 'stop'; runId: string }
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
   * The site rules refuse page text in the conversation for this provider: nothing was sent or
   * stored, and the panel gives the question back to the user with the reason.
   */
  | { type: 'refused'; runId: string; message: string };

export type RunStatus = 'streaming' | 'done' | 'error' | 'stopped' | 'unknown';
