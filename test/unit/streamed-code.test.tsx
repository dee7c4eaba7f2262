// @vitest-environment jsdom
import hljs from 'highlight.js/lib/core';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { describe, expect, it, vi } from 'vitest';
import { reactRootPerTest } from './react-root-per-test';
import { Markdown } from '@/components/chat/Markdown';
import { answerStreams } from '@/lib/chat/answer-streams';
import { codeAnswer } from '../../bench/frame-benches';
import { longAnswer } from '../../bench/browser-benches';
import { renderMarkdownBlock } from '@/lib/markdown/render';
import { splitBlocks } from '@/lib/markdown/split-blocks';
import { GROUP_SLICES, SLICE_LINES } from '@/lib/markdown/streamed-code';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** What the panel rendered for a finished answer before streamed-code.ts: every block through renderMarkdownBlock. */
function renderedBefore(text: string): string {
  const blocks = splitBlocks(text).map((block) => `<div class="md-block">${renderMarkdownBlock(block)}</div>`);
  const groups: string[] = [];
  for (let i = 0; i < blocks.length; i += 32) groups.push(`<div class="md-group">${blocks.slice(i, i + 32).join('')}</div>`);
  return `<div class="markdown">${groups.join('')}</div>`;
}

let container: HTMLDivElement;
let root: Root;
reactRootPerTest((c, r) => {
  container = c;
  root = r;
});

const show = (text: string) => act(() => root.render(<Markdown text={text} />));

/**
 * The panel's HTML with each group of slices and each finished slice's block (streamed-code.ts
 * closeGroup and closeSlice, our own markup for layout) replaced by what it holds: the highlighted
 * code, to compare with the whole block's.
 */
function shownHtml(): string {
  const copy = container.cloneNode(true) as HTMLElement;
  for (const group of copy.querySelectorAll('span.code-slices')) group.replaceWith(...group.childNodes);
  for (const slice of copy.querySelectorAll('span.code-slice')) slice.replaceWith(...slice.childNodes);
  return copy.innerHTML;
}

/** `text` arriving in pieces of `step` characters, rendered after each, as the panel does frame by frame. */
function stream(text: string, step: number) {
  for (let end = step; end < text.length; end += step) show(text.slice(0, end));
  show(text);
}

let streamId = 0;
/**
 * `text` arriving as the store streams it (chat-store.ts: `content + delta`, the deltas told to
 * answerStreams) in pieces of `step` characters, the Markdown given the message's id so that it reads
 * the deltas, not the whole text; after each, `check` (given the text so far).
 */
function streamDeltas(text: string, step: number, check?: (shown: string) => void) {
  const id = `streamed-${++streamId}`;
  let shown = '';
  for (let end = Math.min(step, text.length); ; end = Math.min(end + step, text.length)) {
    const added = text.slice(shown.length, end);
    answerStreams.grew(id, shown, (shown = shown + added), added);
    const now = shown;
    act(() => root.render(<Markdown text={now} id={id} />));
    check?.(shown);
    if (end === text.length) break;
  }
  answerStreams.end(id);
}

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join('\n');

/** Code blocks whose slices have to wait for the end of a comment, string or embedded language. */
const TRICKY: Record<string, string> = {
  'a block comment longer than a slice': '```ts\n' + lines(20, (i) => `const a${i} = ${i};`) + '\n/*\n' + lines(3 * SLICE_LINES, (i) => ` * line ${i} "not a string`) + '\n */\n' + lines(80, (i) => `let b${i} = "s${i}";`) + '\n```',
  'a Python docstring across slices': '```python\n' + lines(40, (i) => `def f${i}(x):\n    """Doc\n    ${i}\n    """\n    return x + ${i}`) + '\n```',
  'a template string across slices': '```js\n' + lines(30, (i) => `const t${i} = \`line ${i}\n  \${value${i}} more\n\`;`) + '\n```',
  'JSX and tagged templates (embedded languages)': '```tsx\n' + lines(60, (i) => `export const C${i} = () => <div className="c${i}">{x}</div>;\nconst s${i} = css\`color: red;\`;`) + '\n```',
  'HTML with script and style': '```html\n' + lines(50, (i) => `<p id="p${i}">x</p>\n<script>let v${i} = "</p>";\n</script>\n<style>.c${i} { color: red; }</style>`) + '\n```',
  'an unknown language, with markup in it': '```brainfuck\n' + lines(100, (i) => `<script>alert(${i})</script> & </code></pre><img src=x onerror=alert(1)>`) + '\n```',
  'no language': '```\n' + lines(70, (i) => `plain ${i} <b>`) + '\n```',
  'a tilde fence with a hostile info string': '~~~ts" onclick="alert(1) x\n' + lines(70, (i) => `const q${i} = 1;`) + '\n~~~',
  'an indented fence': '  ```py\n  ' + lines(70, (i) => `x${i} = ${i}`).replace(/\n/g, '\n  ') + '\n  ```',
  'an unclosed fence (the stream stopped)': '```ts\n' + lines(70, (i) => `const u${i} = "${i}";`),
  'an empty block': '```ts\n```',
};

describe('a fenced code block rendered slice by slice (lib/markdown/streamed-code.ts)', () => {
  it('gathers finished slices far behind the end in groups, each sized by its lines, so the browser checks few blocks a frame', { timeout: 60_000 }, () => {
    // 3 groups' worth and 7 lines more: the last GROUP_SLICES slices (~500 lines, near the view) stay
    // ungrouped, the 2 groups before them each hold GROUP_SLICES slices.
    const body = lines(3 * GROUP_SLICES * SLICE_LINES + 7, (i) => `const g${i} = "${i}"; // line ${i}`);
    stream('```ts\n' + body + '\n```', 2_000);
    const code = container.querySelector('pre > code')!;
    const groups = [...code.querySelectorAll(':scope > span.code-slices')] as HTMLElement[];
    expect(groups).toHaveLength(2);
    for (const group of groups) {
      expect(group.querySelectorAll(':scope > span.code-slice')).toHaveLength(GROUP_SLICES);
      expect(group.style.getPropertyValue('--lines')).toBe(String(GROUP_SLICES * SLICE_LINES));
      expect(group.textContent!.split('\n')).toHaveLength(GROUP_SLICES * SLICE_LINES + 1);
    }
    // What the browser checks a frame: the groups and the slices after them, not every slice.
    expect(code.querySelectorAll(':scope > span.code-slices, :scope > span.code-slice')).toHaveLength(2 + GROUP_SLICES);
    expect(code.textContent).toBe(body);
    expect(shownHtml()).toBe(renderedBefore('```ts\n' + body + '\n```'));
  });

  it('shows a shorter answer in the same place exactly after a long one whose slices were grouped (a version switch)', { timeout: 60_000 }, () => {
    const first = '```ts\n' + lines(3 * GROUP_SLICES * SLICE_LINES + 5, (i) => `const a${i} = ${i};`) + '\n';
    // The same first lines, then others: the groups after where they part are given back as slices.
    const second = '```ts\n' + lines(GROUP_SLICES * SLICE_LINES + 40, (i) => `const a${i} = ${i};`) + '\n' + lines(3 * SLICE_LINES, (i) => `let b${i} = "${i}";`) + '\n';
    stream(first, 3_000);
    show(second);
    expect(shownHtml()).toBe(renderedBefore(second));
    const code = container.querySelector('pre > code')!;
    // No group left holding fewer slices than its --lines says (it would be sized wrong while skipped).
    for (const group of code.querySelectorAll<HTMLElement>('span.code-slices'))
      expect(group.textContent!.split('\n')).toHaveLength(Number(group.style.getPropertyValue('--lines')) + 1);
  });

  it.each(Object.entries(TRICKY))('renders %s exactly as the whole block rendered at once', (_, text) => {
    show(text);
    expect(shownHtml()).toBe(renderedBefore(text));
  });

  it.each(Object.entries(TRICKY))('ends with the same HTML when %s streams in', (_, text) => {
    stream(text, 211);
    expect(shownHtml()).toBe(renderedBefore(text));
  });

  it.each(Object.entries(TRICKY))('renders %s as the whole of each prefix when it streams as deltas (the store’s path)', { timeout: 120_000 }, (_, text) => {
    streamDeltas(text, 97, (shown) => expect(shownHtml()).toBe(renderedBefore(shown)));
  });

  it('renders the bench’s two answers as before when they stream as deltas, frame by frame', { timeout: 60_000 }, () => {
    for (const [tokens, step] of [[longAnswer(1_500), 150], [codeAnswer(6_000), 300]] as const) {
      const text = tokens.join('');
      streamDeltas(text, Math.round((step * text.length) / tokens.length));
      expect(shownHtml()).toBe(renderedBefore(text));
    }
    // And cut every 7 characters for its first 1,200 tokens, each prefix checked.
    const start = codeAnswer(1_200).join('');
    streamDeltas(start, 7 * 41, (shown) => expect(shownHtml()).toBe(renderedBefore(shown)));
  });

  it('ends identical when the closing fence arrives right after a slice was cut before it', () => {
    // A line of "``" first counts as code (and a slice may end after the newline before it); then
    // it becomes the closing fence, and marked drops that newline from the code.
    const body = lines(2 * SLICE_LINES, (i) => `let v${i} = ${i};`);
    for (const text of [`\`\`\`ts\n${body}\n\`\`\``, `\`\`\`ts\n${body}\n\`\`\`\n`]) {
      for (let cut = text.length - 4; cut < text.length; cut++) show(text.slice(0, cut));
      show(text);
      expect(shownHtml()).toBe(renderedBefore(text));
    }
  });

  it('renders the bench’s two kinds of answer (prose and small code blocks; one long code block) as before, streamed', { timeout: 60_000 }, () => {
    for (const [tokens, step] of [[longAnswer(1_500), 150], [codeAnswer(6_000), 300]] as const) {
      const text = tokens.join('');
      let shown = '';
      for (let i = 0; i < tokens.length; i += step) show((shown += tokens.slice(i, i + step).join('')));
      expect(shownHtml()).toBe(renderedBefore(text));
    }
  });

  it('highlights each line about once while a long block streams, not the whole block every frame', { timeout: 60_000 }, () => {
    const highlight = vi.spyOn(hljs, 'highlight');
    const tokens = codeAnswer(12_000);
    const text = tokens.join('');
    let shown = '';
    let most = 0;
    for (let i = 0; i < tokens.length; i += 400) {
      highlight.mockClear();
      show((shown += tokens.slice(i, i + 400).join('')));
      most = Math.max(most, highlight.mock.calls.reduce((sum, [code]) => sum + code.length, 0));
    }
    const code = text.length;
    // Re-highlighting the open block whole would reach the whole block (~53,000 characters) in a frame.
    expect(code).toBeGreaterThan(50_000);
    // A frame highlights at most the unfinished tail and the slices finished since the last (400 tokens
    // here, ~1,800 characters): a few thousand characters.
    expect(most).toBeLessThan(8 * SLICE_LINES * 60);
  });

  it('puts each finished slice of a long block in a block of its own, sized by its lines, the code’s text unchanged', () => {
    const body = lines(5 * SLICE_LINES + 7, (i) => `const s${i} = "${i}"; // line ${i}`);
    stream('```ts\n' + body + '\n```', 1_000);
    const code = container.querySelector('pre > code')!;
    const slices = [...code.querySelectorAll('span.code-slice')] as HTMLElement[];
    expect(slices).toHaveLength(5);
    for (const slice of slices) {
      // Directly in the `code`, whole lines, and as many as it says (what sizes it while skipped).
      expect(slice.parentElement).toBe(code);
      expect(slice.textContent!.endsWith('\n')).toBe(true);
      expect(slice.style.getPropertyValue('--lines')).toBe(String(SLICE_LINES));
      expect(slice.textContent!.split('\n')).toHaveLength(SLICE_LINES + 1);
    }
    // What the copy button copies, and what a selection across slices holds, is the code.
    expect(code.textContent).toBe(body);
  });

  it.each(Object.entries(TRICKY))('shows at every prefix what the whole prefix renders to when %s streams in', { timeout: 120_000 }, (_, text) => {
    // The pieces kept from frame to frame and the tail redone each frame, checked at each frame
    // (cut at every 97th character, mid-line and mid-token), not only at the end.
    for (let end = 0; end < text.length; end += 97) {
      show(text.slice(0, end));
      expect(shownHtml(), `at ${end}`).toBe(renderedBefore(text.slice(0, end)));
    }
  });

  it('highlights and sanitises each finished line once as a long block streams; a frame redoes only its last line', { timeout: 60_000 }, () => {
    const highlight = vi.spyOn(hljs, 'highlight');
    const tokens = codeAnswer(4_000);
    let shown = '';
    let highlighted = 0;
    for (let i = 0; i < tokens.length; i += 33) {
      highlight.mockClear();
      show((shown += tokens.slice(i, i + 33).join('')));
      highlighted += highlight.mock.calls.reduce((sum, [code]) => sum + code.length, 0);
    }
    // ~120 frames of 33 tokens over ~17,000 characters. Each line highlighted once, plus the line
    // still growing in each frame (under 100 characters): at most the code and 100 a frame. Redoing
    // everything after the last slice of 32 lines (~16 lines a frame) would be ~80,000.
    const frames = Math.ceil(tokens.length / 33);
    expect(highlighted).toBeLessThan(shown.length + 100 * frames);
  });

  it('shows another answer in the same place exactly, a code block of the same language and longer (a version switch)', () => {
    const first = '```ts\n' + lines(2 * SLICE_LINES + 5, (i) => `const a${i} = ${i};`) + '\n';
    const second = '```ts\n' + lines(3 * SLICE_LINES + 9, (i) => `let other${i} = "${i}";`) + '\n';
    show(first.slice(0, 400));
    show(first);
    show(second);
    expect(shownHtml()).toBe(renderedBefore(second));
  });

  it('keeps its copy button and sanitises what the code contains', () => {
    stream(TRICKY['an unknown language, with markup in it']!, 53);
    expect(container.querySelectorAll('script, img, [onerror]')).toHaveLength(0);
    expect(container.querySelectorAll('button.copy')).toHaveLength(1);
    expect(container.querySelector('code')!.textContent).toContain('<script>alert(99)</script> & </code></pre><img src=x onerror=alert(1)>');
  });
});
