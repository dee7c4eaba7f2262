import type { ChatServerMessage } from '../messaging/chat-port';
import { CoalescedWriter } from './coalesced-writer';
import { storeRunRecords, type ActivityRecord, type MessageRecord, type WriteOutcome } from './conversation-db';
import { describeStorageProblem, type StorageProblem } from './storage-problem';

/**
 * While an answer streams, its record is written at most this often (and at once when it ends). A
 * browser that closes mid-answer loses at most the text of the last 500 ms plus the write under way;
 * closing the panel loses nothing (the worker's run goes on and writes it).
 */
export const WRITE_INTERVAL_MS = 500;

/** Keeps one run's records in IndexedDB in step with it; the run manager drives it. */
export interface RunRecorder {
  /** Hears every message of the run, in order. */
  record(message: ChatServerMessage): void;
  /** Writes what is pending; resolves once everything is stored, or has failed and been reported. */
  finish(): Promise<void>;
  /** The conversation was deleted: write nothing more. */
  drop(): void;
  /**
   * The run's records whose latest version is not known to be stored (its last write pending or
   * failed): a send that names them by reference gets them from here, never a stale stored one.
   */
  unwritten(): MessageRecord[];
}

export interface RecorderHooks {
  /** Storage failed (a problem), or works again after a failure (undefined). */
  report: (problem: StorageProblem | undefined) => void;
  /** The conversation is gone (deleted elsewhere): the run has no reason to go on. */
  gone: () => void;
  /**
   * A record of the run is stored in its final form: the question at its first write, the answer
   * once its last version (done, failed or stopped) is. Neither changes after that, so the worker
   * keeps them as the next send's history without reading them back (read-path.ts TurnCache).
   */
  final?: (record: MessageRecord) => void;
}

export interface RunRecords {
  /** The answer as it starts: status "streaming", no text yet. */
  answer: MessageRecord;
  /** The user's new message (absent on Retry). */
  user?: MessageRecord;
  /** The failed answer a Retry replaces. */
  replaces?: string;
  /** Lines for the list of page text sent (only when the user keeps that list). */
  activity?: ActivityRecord[];
}

/**
 * Stores a run: at once the user's message and the empty answer (so the conversation is in History
 * even if the panel closes at once), then the answer as it streams, at most every WRITE_INTERVAL_MS,
 * and its end. The stored text is exactly the deltas joined, as the worker received them.
 *
 * A failed write never stops the run (the user would rather have the answer, with a warning that it
 * is not saved): it is reported, and the next write carries everything again, the user's message
 * included while it is not stored, so storage that recovers mid-answer loses nothing.
 */
export function recordRun(
  records: RunRecords,
  hooks: RecorderHooks,
  store: (records: RunRecords) => Promise<WriteOutcome> = storeRunRecords,
  intervalMs = WRITE_INTERVAL_MS,
): RunRecorder {
  let answer = records.answer;
  let pending: Omit<RunRecords, 'answer'> = { user: records.user, replaces: records.replaces, activity: records.activity };
  let reported: StorageProblem | undefined;
  /** The last answer record a write stored; `pending.user` is the question while not stored. */
  let written: MessageRecord | undefined;

  const writer = new CoalescedWriter<MessageRecord>(
    async (value) => {
      const outcome = await store({ answer: value, ...pending });
      if (outcome === 'gone') {
        writer.close();
        hooks.gone();
        return;
      }
      const user = pending.user;
      pending = {};
      written = value;
      if (user) hooks.final?.(user);
      if (value.status !== 'streaming') hooks.final?.(value);
      if (reported) {
        reported = undefined;
        hooks.report(undefined);
      }
    },
    {
      intervalMs,
      onError: (error) => {
        const problem = describeStorageProblem(error, 'save');
        if (problem.message === reported?.message) return; // said already: one warning, not one per write
        reported = problem;
        hooks.report(problem);
      },
    },
  );
  writer.push(answer);

  return {
    record(message) {
      switch (message.type) {
        case 'delta':
          answer = { ...answer, content: answer.content + message.text };
          break;
        case 'done':
          answer = { ...answer, status: 'done', finishReason: message.reason, usage: message.usage };
          break;
        case 'error':
          answer = { ...answer, status: message.stopped ? 'stopped' : 'error', error: message.stopped ? undefined : message.error };
          break;
        default:
          return;
      }
      writer.push(answer);
    },
    finish: () => writer.flush(),
    drop: () => writer.close(),
    unwritten: () => [...(pending.user ? [pending.user] : []), ...(written === answer ? [] : [answer])],
  };
}
