import type { ChatServerMessage } from './chat-port';

/**
 * The least time between two delta messages on one port: 40 updates a second. The side panel shows
 * text once per animation frame (its DeltaBatcher), so one message per 60 Hz frame (16 ms) was the
 * most it could use; each message still costs the browser process a hop, and at 16 ms its main and IO
 * threads spent twice the plain page's while an answer streamed (bench §2b, BENCH_THREADS=1). 25 ms
 * keeps the text well above the ~30 updates a second below which it looks choppy (issue 13 target 0).
 */
export const DELTA_INTERVAL_MS = 25;
/** Fewer updates a second than this and a streaming answer visibly stutters: the interval must allow it. */
export const MIN_UPDATES_PER_SECOND = 30;

export interface DeltaCoalescer {
  /** Posts `message`, or holds it to join the next deltas of the same run. */
  send(message: ChatServerMessage): void;
  /** Posts what is held, now. */
  flush(): void;
  /** Drops what is held (the port closed). */
  cancel(): void;
}

/**
 * Joins the deltas posted on one port into at most one message per DELTA_INTERVAL_MS. Each port
 * message costs the browser process a hop (extension messaging is routed through it), and a fast
 * provider sends one delta per token: 20,000 of them for a 20,000-token answer cost the browser
 * process about 2 s of CPU (issue 13, bench/RESULTS.md §2b).
 *
 * A delta that comes after a quiet interval is posted at once, so the first token and a slow
 * provider's tokens wait for nothing; later ones wait at most the interval. Every other message
 * first posts the deltas held, so the panel hears everything in the order the run produced it
 * (a "done" never overtakes the text before it, a snapshot never precedes text it holds).
 */
export function coalesceDeltas(
  post: (message: ChatServerMessage) => void,
  intervalMs = DELTA_INTERVAL_MS,
  now: () => number = () => performance.now(),
): DeltaCoalescer {
  let held: { runId: string; text: string } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastPost = Number.NEGATIVE_INFINITY;

  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (!held) return;
    const { runId, text } = held;
    held = undefined;
    lastPost = now();
    post({ type: 'delta', runId, text });
  };

  return {
    send(message) {
      if (message.type !== 'delta') {
        flush();
        post(message);
        return;
      }
      if (held && held.runId !== message.runId) flush();
      held = held ? { runId: held.runId, text: held.text + message.text } : { runId: message.runId, text: message.text };
      if (timer) return;
      const wait = lastPost + intervalMs - now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    flush,
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      held = undefined;
    },
  };
}
