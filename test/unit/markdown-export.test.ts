// @vitest-environment jsdom
import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { toMarkdown, type ChatEntry } from '@/lib/chat/chat-store';
import { escapeMarkdownText, markdownLink } from '@/lib/markdown/escape-markdown';

/** The export as a Markdown viewer shows it (CommonMark + GFM, raw HTML kept as a viewer may keep it). */
function view(markdown: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = new Marked({ gfm: true }).parse(markdown, { async: false });
  return template.content;
}

const entries = (context: { title: string; url: string }, extra: Partial<ChatEntry> = {}): ChatEntry[] => [
  { id: 'u', role: 'user', content: 'What is this?', status: 'done', context: { kind: 'page', text: 'page text', totalChars: 9, ...context } },
  { id: 'a', role: 'assistant', content: 'A page about **tides**.', status: 'done', provider: 'anthropic', model: 'claude-sonnet-5-5', ...extra },
];

describe('toMarkdown', () => {
  it('exports each message under its author, with the attached page as a link', () => {
    expect(toMarkdown('Tides', entries({ title: 'Tides explained', url: 'https://example.com/tides' }))).toBe(
      [
        '# Tides',
        '',
        '**You**',
        '',
        '> Attached: [Tides explained](https://example.com/tides)',
        '',
        'What is this?',
        '',
        '**Anthropic · claude-sonnet-5-5**',
        '',
        'A page about **tides**.',
        '',
      ].join('\n'),
    );
  });

  it('keeps its structure whatever the page’s title and URL say', () => {
    const hostile = {
      title: 'Docs](javascript:alert(1)) <img src="https://attacker.example/t.png"> *x*\n# Forged heading',
      url: 'https://example.com/a b)(c)<d>',
    };
    const doc = view(toMarkdown('Title with ](x) and <b>', entries(hostile)));
    // One heading, the title as written; one link, to the page's URL as the browser would parse it.
    expect([...doc.querySelectorAll('h1, h2, h3')].map((h) => h.textContent)).toEqual(['Title with ](x) and <b>']);
    expect([...doc.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['Docs](javascript:alert(1)) <img src="https://attacker.example/t.png"> *x* # Forged heading', 'https://example.com/a%20b)(c)%3Cd%3E'],
    ]);
    expect(new URL(doc.querySelector('a')!.getAttribute('href')!).href).toBe(new URL(hostile.url).href);
    expect(doc.querySelectorAll('img, em, b')).toHaveLength(0);
    expect(doc.querySelectorAll('blockquote')).toHaveLength(1);
  });

  it('writes a page URL that is not http(s) or mailto as text, not as a link', () => {
    const doc = view(toMarkdown('T', entries({ title: 'Click', url: 'javascript:alert(document.cookie)' })));
    expect(doc.querySelectorAll('a')).toHaveLength(0);
    expect(doc.querySelector('blockquote')!.textContent!.trim()).toBe('Attached: Click (javascript:alert(document.cookie))');
  });

  it('escapes a model name from a live list and a provider’s error message', () => {
    const markdown = toMarkdown(
      'T',
      entries(
        { title: 'p', url: 'https://example.com/' },
        { model: 'evil**\n# Heading <img src=x>', status: 'error', error: { kind: 'server', message: 'Bad _gateway_\n\n<script>alert(1)</script>' } },
      ),
    );
    const doc = view(markdown);
    expect([...doc.querySelectorAll('strong')].map((s) => s.textContent)).toEqual(['You', 'Anthropic · evil** # Heading <img src=x>', 'tides']);
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(doc.querySelectorAll('img, script')).toHaveLength(0);
    expect(doc.textContent).toContain('(failed: Bad _gateway_ <script>alert(1)</script>)');
  });
});

describe('escapeMarkdownText and markdownLink', () => {
  it('keep ordinary text readable', () => {
    expect(escapeMarkdownText('Tides explained: a "quick" guide (2026) - part 1.')).toBe('Tides explained: a "quick" guide (2026) - part 1.');
    expect(markdownLink('Home', 'https://example.com/')).toBe('[Home](https://example.com/)');
    expect(markdownLink('Wiki', 'https://en.wikipedia.org/wiki/Tide_(disambiguation)')).toBe('[Wiki](https://en.wikipedia.org/wiki/Tide_\\(disambiguation\\))');
    expect(markdownLink('Mail', 'mailto:a@example.com?subject=Hi there')).toBe('[Mail](mailto:a@example.com?subject=Hi%20there)');
  });
});
