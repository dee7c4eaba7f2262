import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { extractPage, tidy } from '@/lib/page/extract';

const article = (body: string) =>
  parseHTML(`<!doctype html><html><head><title>Tides explained</title></head><body>${body}</body></html>`).document as unknown as Document;

describe('extractPage', () => {
  it('keeps the article and drops navigation and footer', () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) => `<p>Paragraph ${i + 1}: the moon pulls the oceans, and the earth turns beneath the bulge it raises, twice a day, every day.</p>`,
    ).join('');
    const doc = article(`<nav><a href="/">Home</a> <a href="/shop">Shop</a></nav>
      <article><h1>Tides explained</h1>${paragraphs}</article>
      <footer>© 2026 Example Corp. All rights reserved. Cookie settings.</footer>`);
    const page = extractPage(doc, 'https://example.com/tides', '');
    expect(page.title).toBe('Tides explained');
    expect(page.url).toBe('https://example.com/tides');
    expect(page.text).toContain('Paragraph 1: the moon pulls the oceans');
    expect(page.text).toContain('Paragraph 6:');
    expect(page.text).not.toContain('Cookie settings');
    expect(page.text).not.toContain('Shop');
    // Paragraphs stay apart, so the model (and the budget cut) sees where each ends.
    expect(page.text).toContain('twice a day, every day.\n\nParagraph 2:');
  });

  it('falls back to the page’s text when there is no article', () => {
    const doc = article('<div id="app"><button>Sign in</button><span>Dashboard: 3 alerts</span></div>');
    expect(extractPage(doc, 'https://app.example.com', '').text).toBe('Sign inDashboard: 3 alerts');
  });

  it('returns the selection tidied', () => {
    expect(extractPage(article('<p>x</p>'), 'https://e.com', '  two   words \n\n\n\n next ').selection).toBe('two words\n\nnext');
  });
});

describe('tidy', () => {
  it('collapses spaces and blank lines', () => expect(tidy(' a \u00a0 b\n\n\n\nc ')).toBe('a b\n\nc'));
});
