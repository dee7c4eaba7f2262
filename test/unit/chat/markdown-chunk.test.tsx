// @vitest-environment jsdom
import hljs from 'highlight.js/lib/core';
import { act, lazy, Suspense } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { lazyWithFallback, markdownChunk, WARM_STEP_MIN_IDLE_MS, type Deadline, type MarkdownModule } from '@/components/chat/markdown-chunk';
import { reactRootPerTest } from '../react-root-per-test';
import { warmSteps } from '@/components/chat/warm-markdown';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

type Props = { text: string; id?: string };
const Rendered = ({ text }: Props) => <div className="markdown">rendered: {text}</div>;
const Plain = ({ text }: Props) => <div className="plain">{text}</div>;

/** An idle queue run by hand: what ran in each idle period is seen one period at a time. */
function manualIdle() {
  const queue: ((deadline?: Deadline) => void)[] = [];
  return {
    idle: (work: (deadline?: Deadline) => void) => void queue.push(work),
    /** Runs the work queued for one idle period (of `remaining` ms, when given); false when there was none. */
    period: (remaining?: number) => {
      const work = queue.shift();
      work?.(remaining === undefined ? undefined : { timeRemaining: () => remaining });
      return !!work;
    },
    get queued() {
      return queue.length;
    },
  };
}

const flush = () => act(async () => {});

let container: HTMLDivElement;
let root: import('react-dom/client').Root;
reactRootPerTest((c, r) => {
  container = c;
  root = r;
});

describe('markdownChunk (the Markdown chunk, preloaded before the first answer)', () => {
  it('preload starts the load at once, then warms one step per idle period, and only once', async () => {
    const idle = manualIdle();
    const steps = [vi.fn(), vi.fn(), vi.fn()];
    const load = vi.fn(async (): Promise<MarkdownModule<Props>> => ({ Markdown: Rendered, warmSteps: () => [...steps] }));
    const chunk = markdownChunk(load, Plain, idle.idle);
    expect(load).not.toHaveBeenCalled();

    chunk.preload();
    expect(load).toHaveBeenCalledTimes(1);
    await flush();
    expect(steps.map((s) => s.mock.calls.length)).toEqual([0, 0, 0]);
    idle.period();
    expect(steps.map((s) => s.mock.calls.length)).toEqual([1, 0, 0]);
    idle.period();
    idle.period();
    expect(steps.map((s) => s.mock.calls.length)).toEqual([1, 1, 1]);
    idle.period();
    expect(idle.queued).toBe(0);

    chunk.preload();
    chunk.preloadWhenIdle();
    idle.period();
    await flush();
    expect(load).toHaveBeenCalledTimes(1);
    expect(idle.queued).toBe(0);
  });

  it('preloadWhenIdle loads nothing until the panel is idle', async () => {
    const idle = manualIdle();
    const load = vi.fn(async (): Promise<MarkdownModule<Props>> => ({ Markdown: Rendered, warmSteps: () => [] }));
    const chunk = markdownChunk(load, Plain, idle.idle);
    chunk.preloadWhenIdle();
    expect(load).not.toHaveBeenCalled();
    idle.period();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('the answer uses the chunk the preload loaded: one load in all', async () => {
    const idle = manualIdle();
    const load = vi.fn(async (): Promise<MarkdownModule<Props>> => ({ Markdown: Rendered, warmSteps: () => [] }));
    const chunk = markdownChunk(load, Plain, idle.idle);
    chunk.preload();
    const Answer = lazy(chunk.component);
    await act(async () => root.render(<Suspense fallback={<Plain text="loading" />}><Answer text="**hi**" /></Suspense>));
    expect(container.textContent).toBe('rendered: **hi**');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('a failed preload is forgotten: the answer loads the chunk again and shows it', async () => {
    const idle = manualIdle();
    let fail = true;
    const load = vi.fn(async (): Promise<MarkdownModule<Props>> => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return { Markdown: Rendered, warmSteps: () => [] };
    });
    const chunk = markdownChunk(load, Plain, idle.idle);
    chunk.preload();
    await flush();
    expect(idle.queued).toBe(0);

    fail = false;
    const Answer = lazy(chunk.component);
    await act(async () => root.render(<Suspense fallback={<Plain text="loading" />}><Answer text="the answer" /></Suspense>));
    expect(container.textContent).toBe('rendered: the answer');
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('a chunk that cannot load at all still shows the answer, as plain text, and the panel stays up', async () => {
    const load = vi.fn(async (): Promise<MarkdownModule<Props>> => {
      throw new TypeError('Failed to fetch dynamically imported module');
    });
    const chunk = markdownChunk(load, Plain, manualIdle().idle);
    chunk.preload();
    await flush();
    const Answer = lazy(chunk.component);
    await act(async () => root.render(<Suspense fallback={<div>loading</div>}><Answer text="the *answer*" /></Suspense>));
    expect(container.querySelector('.plain')?.textContent).toBe('the *answer*');
  });

  it('a warm-up step waits for an idle period with room for it: none runs between two busy frames', async () => {
    const idle = manualIdle();
    const step = vi.fn();
    const chunk = markdownChunk(async () => ({ Markdown: Rendered, warmSteps: () => [step] }), Plain, idle.idle);
    chunk.preload();
    await flush();
    idle.period(WARM_STEP_MIN_IDLE_MS - 1);
    idle.period(2);
    expect(step).not.toHaveBeenCalled();
    expect(idle.queued).toBe(1);
    idle.period(40);
    expect(step).toHaveBeenCalledTimes(1);
  });

  it('an answer shown as plain text because the code could not load shows Markdown in the next answer once it can', async () => {
    let fail = true;
    const load = vi.fn(async (): Promise<MarkdownModule<Props>> => {
      if (fail) throw new TypeError('Failed to fetch dynamically imported module');
      return { Markdown: Rendered, warmSteps: () => [] };
    });
    const chunk = markdownChunk(load, Plain, manualIdle().idle);
    const Answer = lazy(chunk.component);
    await act(async () => root.render(<Suspense fallback={<div>loading</div>}><Answer text="first" /></Suspense>));
    expect(container.querySelector('.plain')?.textContent).toBe('first');

    fail = false;
    await act(async () => root.render(<Suspense fallback={<div>loading</div>}><Answer key="2" text="second" /></Suspense>));
    await flush();
    expect(container.textContent).toBe('rendered: second');
  });

  it('lazyWithFallback: a windowed answer whose code cannot load shows its text, and the panel stays up', async () => {
    const Answer = lazy(lazyWithFallback<Props>(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')), Plain));
    await act(async () => root.render(<Suspense fallback={<div>loading</div>}><Answer text="kept *text*" /></Suspense>));
    expect(container.querySelector('.plain')?.textContent).toBe('kept *text*');
  });

  it('a chunk whose warm-up list cannot be made loads and shows answers all the same, with nothing left unhandled', async () => {
    const idle = manualIdle();
    const chunk = markdownChunk(async () => ({ Markdown: Rendered, warmSteps: () => { throw new Error('no document'); } }), Plain, idle.idle);
    chunk.preload();
    await flush();
    expect(idle.queued).toBe(0);
    const Answer = lazy(chunk.component);
    await act(async () => root.render(<Suspense fallback={<div>loading</div>}><Answer text="ok" /></Suspense>));
    expect(container.textContent).toBe('rendered: ok');
  });

  it('a warm-up step that throws stops nothing: the next steps still run', async () => {
    const idle = manualIdle();
    const after = vi.fn();
    const chunk = markdownChunk(async () => ({ Markdown: Rendered, warmSteps: () => [() => { throw new Error('no'); }, after] }), Plain, idle.idle);
    chunk.preload();
    await flush();
    while (idle.period());
    expect(after).toHaveBeenCalledTimes(1);
  });
});

describe('warmSteps (what the preload runs through the Markdown code)', () => {
  it('compiles the common languages\' grammars as a first answer would, and puts nothing in the page', () => {
    const compiled = () => ['typescript', 'python', 'bash', 'json', 'javascript', 'xml'].map((name) => !!(hljs.getLanguage(name) as { isCompiled?: boolean }).isCompiled);
    expect(compiled()).toEqual([false, false, false, false, false, false]);
    const before = document.body.innerHTML;
    for (const step of warmSteps()) step();
    expect(compiled()).toEqual([true, true, true, true, true, true]);
    expect(document.body.innerHTML).toBe(before);
  });
});
