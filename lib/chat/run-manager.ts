import type { ChatServerMessage, RunStatus } from '../messaging/chat-port';
import type { ChatModel, ChatRequest, StreamError } from '../providers/types';
import type { MessageRecord } from './conversation-db';
import type { RunRecorder } from './record-run';
import type { StorageProblem } from './storage-problem';
import { t } from '../i18n/t';

type Listener = (message: ChatServerMessage) => void;

interface Run {
  conversationId: string;
  text: string;
  status: RunStatus;
  error?: StreamError;
  /** Why its records are not stored, while that is so. */
  storage?: StorageProblem;
  controller: AbortController;
  listeners: Set<Listener>;
  recorder?: RunRecorder;
  /** Resolves once the stream has ended and the recorder has written (or given up on) the last record. */
  ended: Promise<void>;
}

export interface RunStart {
  conversationId: string;
  model: ChatModel;
  request: Omit<ChatRequest, 'signal'>;
  /** The port that asked; it may go away, the run goes on. */
  listener: Listener;
  /** Hears every message until the run ends, whoever is watching. */
  recorder?: RunRecorder;
}

/** Finished runs are kept this long, so a panel reopened just after an answer ended still gets it. */
const KEEP_FINISHED_MS = 5 * 60_000;
/** Any extension API call resets the worker's 30 s idle timer (Chrome 110+). */
const KEEPALIVE_MS = 20_000;
/**
 * How long deleting a conversation waits for its runs to end after their abort. Adapters end a
 * stream on abort at once; this bounds a provider that does not, and the delete is safe either way
 * (conversation-db refuses writes into a deleted conversation).
 */
const STOP_WAIT_MS = 2_000;

/**
 * Owns every answer being written. A run outlives the port that started it: closing the side panel
 * does not stop it, and a panel that comes back can attach to it and get the text so far.
 */
export class RunManager {
  private runs = new Map<string, Run>();
  private keepalive: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly ping: () => Promise<unknown>) {}

  has(runId: string): boolean {
    return this.runs.has(runId);
  }

  /** Starts a run. A duplicate send (a retried post) must not run twice: it is ignored. */
  start(runId: string, { conversationId, model, request, listener, recorder }: RunStart): void {
    if (this.runs.has(runId)) return;
    const controller = new AbortController();
    let ended!: () => void;
    const run: Run = {
      conversationId,
      text: '',
      status: 'streaming',
      controller,
      listeners: new Set([listener]),
      recorder,
      ended: new Promise((resolve) => (ended = resolve)),
    };
    this.runs.set(runId, run);
    this.updateKeepalive();
    void this.pump(runId, run, model, { ...request, signal: controller.signal }).finally(ended);
  }

  stop(runId: string): void {
    this.runs.get(runId)?.controller.abort();
  }

  /**
   * Stops every run of a conversation that is being deleted, with nothing more written for them,
   * and resolves once they have ended (or STOP_WAIT_MS passed).
   */
  async stopConversation(conversationId: string): Promise<void> {
    const stopping = [...this.runs.values()].filter((run) => run.conversationId === conversationId);
    for (const run of stopping) {
      run.recorder?.drop();
      run.controller.abort();
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all(stopping.map((run) => run.ended)),
      new Promise((resolve) => (timer = setTimeout(resolve, STOP_WAIT_MS))),
    ]);
    clearTimeout(timer);
  }

  /**
   * The records of a conversation's runs (streaming, or finished within KEEP_FINISHED_MS) whose
   * latest version is not stored yet: newer than what IndexedDB gives back (read-path.ts). An answer
   * just finished may still have its final write pending in CoalescedWriter.
   */
  unwritten(conversationId: string): MessageRecord[] {
    return [...this.runs.values()].filter((run) => run.conversationId === conversationId).flatMap((run) => run.recorder?.unwritten() ?? []);
  }

  /** The run's records could not be stored, or can again: every panel watching it is told. */
  report(runId: string, problem: StorageProblem | undefined): void {
    const run = this.runs.get(runId);
    if (!run) return;
    run.storage = problem;
    this.send(run, { type: 'storage', runId, problem });
  }

  /** Sends the run's state so far to the listener, then its further messages. */
  attach(runId: string, listener: Listener): void {
    const run = this.runs.get(runId);
    if (!run) {
      listener({ type: 'snapshot', runId, text: '', status: 'unknown' });
      return;
    }
    listener({ type: 'snapshot', runId, text: run.text, status: run.status, error: run.error, storage: run.storage });
    if (run.status === 'streaming') run.listeners.add(listener);
  }

  detach(listener: Listener): void {
    for (const run of this.runs.values()) run.listeners.delete(listener);
  }

  get active(): number {
    return [...this.runs.values()].filter((r) => r.status === 'streaming').length;
  }

  private emit(run: Run, message: ChatServerMessage) {
    run.recorder?.record(message);
    this.send(run, message);
  }

  private send(run: Run, message: ChatServerMessage) {
    for (const listener of run.listeners) {
      try {
        listener(message);
      } catch {
        run.listeners.delete(listener); // its port closed: the run goes on without it
      }
    }
  }

  private async pump(runId: string, run: Run, model: ChatModel, request: ChatRequest) {
    try {
      for await (const part of model.stream(request)) {
        if (part.type === 'text-delta') {
          run.text += part.text;
          this.emit(run, { type: 'delta', runId, text: part.text });
        } else if (part.type === 'finish') {
          run.status = 'done';
          this.emit(run, { type: 'done', runId, reason: part.reason, usage: part.usage });
        } else {
          this.fail(runId, run, part.error);
        }
      }
    } catch (error) {
      // Adapters report failures as stream parts; anything thrown still must not leave the answer spinning.
      this.fail(runId, run, { kind: 'network', message: t('request_failed', (error as Error).message) });
    }
    if (run.status === 'streaming') this.fail(runId, run, { kind: 'network', message: t('answer_no_reason') });
    this.updateKeepalive();
    // Listeners stay until the last record is written, so a panel hears if that failed.
    await run.recorder?.finish();
    run.listeners.clear();
    setTimeout(() => this.runs.delete(runId), KEEP_FINISHED_MS);
  }

  private fail(runId: string, run: Run, error: StreamError) {
    const stopped = error.kind === 'aborted';
    run.status = stopped ? 'stopped' : 'error';
    run.error = error;
    this.emit(run, { type: 'error', runId, error, stopped });
  }

  private updateKeepalive() {
    if (this.active > 0 && !this.keepalive) this.keepalive = setInterval(() => void this.ping(), KEEPALIVE_MS);
    if (this.active === 0 && this.keepalive) {
      clearInterval(this.keepalive);
      this.keepalive = undefined;
    }
  }
}
