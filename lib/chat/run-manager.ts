import type { ChatServerMessage, RunStatus } from '../messaging/chat-port';
import type { ChatModel, ChatRequest, StreamError } from '../providers/types';

type Listener = (message: ChatServerMessage) => void;

interface Run {
  text: string;
  status: RunStatus;
  error?: StreamError;
  controller: AbortController;
  listeners: Set<Listener>;
  observer?: Listener;
}

/** Finished runs are kept this long, so a panel reopened just after an answer ended still gets it. */
const KEEP_FINISHED_MS = 5 * 60_000;
/** Any extension API call resets the worker's 30 s idle timer (Chrome 110+). */
const KEEPALIVE_MS = 20_000;

/**
 * Owns every answer being written. A run outlives the port that started it: closing the side panel
 * does not stop it, and a panel that comes back can attach to it and get the text so far.
 */
export class RunManager {
  private runs = new Map<string, Run>();
  private keepalive: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly ping: () => Promise<unknown>) {}

  /**
   * Starts a run. `listener` (a port) may go away; `observer` (the conversation writer) hears every
   * message until the run ends, whoever is watching.
   */
  start(runId: string, model: ChatModel, request: Omit<ChatRequest, 'signal'>, listener: Listener, observer?: Listener): void {
    if (this.runs.has(runId)) return; // a duplicate send (a retried post) must not run twice
    const run: Run = { text: '', status: 'streaming', controller: new AbortController(), listeners: new Set([listener]), observer };
    this.runs.set(runId, run);
    this.updateKeepalive();
    void this.pump(runId, run, model, { ...request, signal: run.controller.signal });
  }

  stop(runId: string): void {
    this.runs.get(runId)?.controller.abort();
  }

  /** Sends the run's state so far to the listener, then its further messages. */
  attach(runId: string, listener: Listener): void {
    const run = this.runs.get(runId);
    if (!run) {
      listener({ type: 'snapshot', runId, text: '', status: 'unknown' });
      return;
    }
    listener({ type: 'snapshot', runId, text: run.text, status: run.status, error: run.error });
    if (run.status === 'streaming') run.listeners.add(listener);
  }

  detach(listener: Listener): void {
    for (const run of this.runs.values()) run.listeners.delete(listener);
  }

  get active(): number {
    return [...this.runs.values()].filter((r) => r.status === 'streaming').length;
  }

  private emit(run: Run, message: ChatServerMessage) {
    run.observer?.(message);
    for (const listener of run.listeners) {
      try {
        listener(message);
      } catch {
        run.listeners.delete(listener); // its port closed: the run goes on without it
      }
    }
  }

  private async pump(runId: string, run: Run, model: ChatModel, request: ChatRequest) {
    for await (const part of model.stream(request)) {
      if (part.type === 'text-delta') {
        run.text += part.text;
        this.emit(run, { type: 'delta', runId, text: part.text });
      } else if (part.type === 'finish') {
        run.status = 'done';
        this.emit(run, { type: 'done', runId, reason: part.reason, usage: part.usage });
      } else {
        const stopped = part.error.kind === 'aborted';
        run.status = stopped ? 'stopped' : 'error';
        run.error = part.error;
        this.emit(run, { type: 'error', runId, error: part.error, stopped });
      }
    }
    run.listeners.clear();
    this.updateKeepalive();
    setTimeout(() => this.runs.delete(runId), KEEP_FINISHED_MS);
  }

  private updateKeepalive() {
    if (this.active > 0 && !this.keepalive) this.keepalive = setInterval(() => void this.ping(), KEEPALIVE_MS);
    if (this.active === 0 && this.keepalive) {
      clearInterval(this.keepalive);
      this.keepalive = undefined;
    }
  }
}
