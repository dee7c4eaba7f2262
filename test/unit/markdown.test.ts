// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderMarkdownBlock } from '@/lib/markdown/render';
import { splitBlocks } from '@/lib/markdown/split-blocks';

describe('splitBlocks', () => {
  it('splits at blank lines, keeping a fenced code block whole across its blank lines', () => {
    const md = 'Intro line\nstill intro\n\n```js\nconst a = 1;\n\nconst b = 2;\n```\n\n- one\n- two';
    expect(splitBlocks(md)).toEqual(['Intro line\nstill intro', '```js\nconst a = 1;\n\nconst b = 2;\n```', '- one\n- two']);
  });

  it('keeps an unclosed fence (still streaming) as one growing last block', () => {
    expect(splitBlocks('Text\n\n```py\nx = 1\n\ny = 2')).toEqual(['Text', '```py\nx = 1\n\ny = 2']);
  });

  it('leaves finished blocks unchanged as text is appended, so only the last is re-rendered', () => {
    const before = splitBlocks('# Title\n\nFirst paragraph.\n\nSecond par');
    const after = splitBlocks('# Title\n\nFirst paragraph.\n\nSecond paragraph, longer now.');
    expect(after.slice(0, -1)).toEqual(before.slice(0, -1));
  });
});

describe('renderMarkdownBlock', () => {
  it('renders bold, lists and inline code', () => {
    expect(renderMarkdownBlock('There are **3** r')).toBe('<p>There are <strong>3</strong> r</p>\n');
    expect(renderMarkdownBlock('- `a`\n- b')).toContain('<li><code>a</code></li>');
  });

  it('highlights code in a known language and adds a copy button', () => {
    const html = renderMarkdownBlock('```ts\nconst x: number = 1;\n```');
    expect(html).toContain('<button type="button" class="copy" aria-label="Copy code">Copy</button>');
    expect(html).toContain('<code class="hljs language-ts">');
    expect(html).toContain('<span class="hljs-keyword">const</span>');
  });

  it('escapes code in an unknown language', () => {
    expect(renderMarkdownBlock('```brainfuck\n<script>\n```')).toContain('&lt;script&gt;');
  });

  it('opens links in a new tab, telling the target nothing', () => {
    expect(renderMarkdownBlock('[docs](https://example.com)')).toContain(
      '<a href="https://example.com/" target="_blank" rel="noopener noreferrer" title="https://example.com/">docs</a>',
    );
  });

  it('strips script, event handlers and javascript: links that a model (or a page it quotes) may write', () => {
    const html = renderMarkdownBlock('<img src=x onerror="alert(1)"><script>alert(2)</script>[x](javascript:alert(3))');
    expect(html).not.toMatch(/onerror|<script|javascript:/);
  });
});
