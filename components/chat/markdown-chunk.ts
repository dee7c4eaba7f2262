import type { ComponentType } from 'react';

/** What the Markdown chunk gives: the component, and the warm-up run through its code (warm-markdown.ts). */
export interface MarkdownModule<P> {
  Markdown: ComponentType<P>;
  warmSteps: () => (() => void)[];
}

/** requestIdleCallback, or what stands in for it (tests; a browser without it). */
export type Idle = (work: () => void) => void;

const browserIdle: Idle = (work) =>
  globalThis.requestIdleCallback ? void globalThis.requestIdleCallback(() => work(), { timeout: 2_000 }) : void setTimeout(work);

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
 * to `fallback` (the answer as plain text), so a chunk that cannot load never takes the panel down.
 */
export function markdownChunk<P>(load: () => Promise<MarkdownModule<P>>, fallback: ComponentType<P>, idle: Idle = browserIdle) {
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
        const steps = m.warmSteps();
        const next = () => {
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
    /** For React.lazy: the component, or `fallback` when the chunk cannot be loaded (tried twice). */
    component: (): Promise<{ default: ComponentType<P> }> =>
      get()
        .catch(get)
        .then(
          (m) => ({ default: m.Markdown }),
          () => ({ default: fallback }),
        ),
    preload,
    /** `preload`, in the next idle period (the panel has opened and has nothing else to do). */
    preloadWhenIdle: (): void => idle(preload),
  };
}
