import { createElement, useEffect, useState, type ComponentType } from 'react';

/** What the Markdown chunk gives: the component, and the warm-up run through its code (warm-markdown.ts). */
export interface MarkdownModule<P> {
  Markdown: ComponentType<P>;
  warmSteps: () => (() => void)[];
}

/** What an idle period has left (IdleDeadline); absent where there is no requestIdleCallback. */
export type Deadline = { timeRemaining(): number };

/** requestIdleCallback, or what stands in for it (tests; a browser without it). */
export type Idle = (work: (deadline?: Deadline) => void) => void;

// No `timeout`: a timed-out idle callback runs as an ordinary task, inside whatever keeps the panel
// busy (a long conversation's open, a scroll, a streaming answer). Without idle time the chunk is
// loaded by the first answer that needs it, as it was before the preload.
const browserIdle: Idle = (work) =>
  globalThis.requestIdleCallback ? void globalThis.requestIdleCallback((deadline) => work(deadline)) : void setTimeout(work);

/**
 * Idle time a warm-up step needs before it starts: a step (a grammar compiled, a short answer
 * rendered) takes a few ms, so between two frames of a scroll or a stream it waits for a longer period.
 */
export const WARM_STEP_MIN_IDLE_MS = 10;

/**
 * For React.lazy: the component `get` loads, or, when it cannot be loaded (tried twice), a stand-in
 * that shows `fallback` and tries `get` again each time it mounts, switching to the component once
 * it loads. React.lazy keeps whatever it first resolves to: resolving to `fallback` itself would
 * leave every answer as plain text for the rest of the panel's life, even once the code could load.
 */
export function lazyWithFallback<P extends object>(get: () => Promise<ComponentType<P>>, fallback: ComponentType<P>) {
  function Recovering(props: P) {
    const [loaded, setLoaded] = useState<ComponentType<P>>();
    useEffect(() => {
      let live = true;
      get().then(
        (component) => live && setLoaded(() => component),
        () => undefined,
      );
      return () => void (live = false);
    }, []);
    return createElement(loaded ?? fallback, props);
  }
  return (): Promise<{ default: ComponentType<P> }> =>
    get()
      .catch(get)
      .then(
        (component) => ({ default: component }),
        () => ({ default: Recovering }),
      );
}

/**
 * The Markdown chunk (Markdown.tsx with marked, DOMPurify and highlight.js: a third of the panel's
 * code), loaded once for every caller: React.lazy when an answer first needs it, and `preload` when
 * the user is about to ask (the composer gets focus, the panel has opened and is idle).
 *
 * Why preload: a panel opened on a new chat loaded, compiled and first ran that code when the first
 * answer's first delta arrived, inside a frame: §2c's one long frame (53.6 ms p50) of the 20,000-token
 * answer, in the first half-second after Send (issue 13 target 1, bench/NOTES.md). Preloaded, the
 * chunk is evaluated in a task of its own while the user types, and each warm-up step (a tiny answer
 * rendered off-screen, which compiles the functions and highlight.js's grammars the first frame
 * would) runs in an idle period of its own.
 *
 * A load that fails is forgotten, so the next caller tries again; React.lazy's own failure falls back
 * to `fallback` (the answer as plain text) until a later load succeeds, so a chunk that cannot load
 * never takes the panel down.
 */
export function markdownChunk<P extends object>(load: () => Promise<MarkdownModule<P>>, fallback: ComponentType<P>, idle: Idle = browserIdle) {
  let loading: Promise<MarkdownModule<P>> | undefined;
  let started = false;

  const get = () =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));

  /** Starts loading the chunk, then warms it one step per idle period; once per panel. Never throws. */
  const preload = (): void => {
    if (started) return;
    started = true;
    get().then(
      (m) => {
        let steps: (() => void)[];
        try {
          steps = m.warmSteps();
        } catch {
          return; // No warm-up: the first answer compiles what it uses, as before the preload.
        }
        const next = (deadline?: Deadline) => {
          // Only in an idle period with room for a step: never squeezed between two busy frames.
          if (deadline && deadline.timeRemaining() < WARM_STEP_MIN_IDLE_MS) return idle(next);
          const step = steps.shift();
          if (!step) return;
          try {
            step();
          } catch {
            // A warm-up that fails costs the first answer its warm start, nothing else.
          }
          idle(next);
        };
        idle(next);
      },
      // Not loaded: the next trigger (or the first answer) tries again.
      () => void (started = false),
    );
  };

  return {
    /** For React.lazy: the component, or `fallback` while the chunk cannot be loaded (lazyWithFallback). */
    component: lazyWithFallback(() => get().then((m) => m.Markdown), fallback),
    preload,
    /** `preload`, in the next idle period (the panel has opened and has nothing else to do). */
    preloadWhenIdle: (): void => idle(preload),
  };
}
