import type { MessageRecord } from '../chat/conversation-db';
import type { StorageProblem } from '../chat/storage-problem';
import type { ProviderId } from '../providers/catalog';
import type { ChatMessage, FinishReason, StreamError, Usage } from '../providers/types';

/** The long-lived port between the side panel and the service worker. */
export const CHAT_PORT = 'chat';

/** Side panel → service worker. */
export type ChatClientMessage =
  | {
      type: 'send';
      runId: string;
      conversationId: string;
      /** The new user message to store (absent on Retry, which answers the same message again). */
      user?: MessageRecord;
      /** The failed answer a Retry replaces. */
      replaces?: string;
      /** The question the answer follows (absent for old panels: the answer follows the last message). */
      parentId?: string;
      provider: ProviderId;
      model: string;
      /** The conversation as the provider gets it, page context framed. */
      messages: ChatMessage[];
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
  | { type: 'storage'; runId: string; problem?: StorageProblem };

export type RunStatus = 'streaming' | 'done' | 'error' | 'stopped' | 'unknown';
