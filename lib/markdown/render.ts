import { answerMarked as marked } from './answer-marked';
import { highlightCode, knownLanguage } from './highlight-code';
import { sanitizeAnswer } from './sanitize-answer';
import { t } from '../i18n/t';

/** Our own markup around each code block: a copy button, added after sanitising so an answer cannot make one. */
export function withCopyButtons(fragment: DocumentFragment): DocumentFragment {
  for (const pre of fragment.querySelectorAll('pre')) {
    const doc = pre.ownerDocument;
    const block = doc.createElement('div');
    block.className = 'code-block';
    const button = doc.createElement('button');
    button.type = 'button';
    button.className = 'copy';
    button.setAttribute('aria-label', t('code_copy_label'));
    button.textContent = t('actions_copy');
    pre.replaceWith(block);
    block.append(button, pre);
  }
  return fragment;
}

/**
 * One Markdown block as safe nodes to insert in the panel: model output is untrusted (a page it read
 * may have told it what to write), so it is sanitised with an explicit allowlist (sanitize-answer.ts);
 * code blocks then get a copy button. The work is done on DOM nodes of an inert document, never by
 * editing the HTML string, so nothing an answer writes can be spliced into our markup; and the nodes
 * are inserted as they are, never serialised and parsed again by the panel (which cost a second parse
 * of every block, and is where mutation XSS lives). (`sanitize` is replaceable so tests can prove
 * each layer of the sanitiser on its own.)
 */
export function renderMarkdownFragment(
  markdown: string,
  sanitize: (html: string, hasRawHtml: boolean) => DocumentFragment = sanitizeAnswer,
): DocumentFragment {
  const { html, hasRawHtml } = markdownHtml(markdown);
  return withCopyButtons(sanitize(html, hasRawHtml));
}

/**
 * One Markdown block as marked writes it, not yet sanitised, and whether it holds raw HTML from the
 * model (which then needs the prefilter: sanitize-answer.ts). Without raw HTML it is marked's own
 * markup, every element closed and all text escaped.
 */
export function markdownHtml(markdown: string): { html: string; hasRawHtml: boolean } {
  const tokens = marked.lexer(markdown);
  let hasRawHtml = false;
  marked.walkTokens(tokens, (token) => void (hasRawHtml ||= token.type === 'html'));
  return { html: marked.parser(tokens), hasRawHtml };
}

/** renderMarkdownFragment's nodes as HTML (what the panel shows, for tests and the code block's shell). */
export function renderMarkdownBlock(
  markdown: string,
  sanitize: (html: string, hasRawHtml: boolean) => DocumentFragment = sanitizeAnswer,
): string {
  return serialize(renderMarkdownFragment(markdown, sanitize));
}

function serialize(fragment: DocumentFragment): string {
  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}

/**
 * A fenced code block with nothing in it, as renderMarkdownBlock renders one (copy button, `pre`,
 * `code` with the language's class): the frame streamed-code.ts fills with the code, slice by slice.
 */
export function renderCodeShell(lang: string | undefined): string {
  // By the language the shell is for, not the info string it came from (which is the model's: any
  // length, and kept as a key it could hold on to the whole answer it was sliced from).
  const language = knownLanguage(lang);
  let shell = shells.get(language);
  if (shell === undefined) {
    shell = serialize(withCopyButtons(sanitizeAnswer(highlightCode('', language), false)));
    // An answer of 20,000 tokens has ~1,000 code blocks in a handful of languages: each language's
    // shell is sanitised once, not once per block. Bounded: highlight.js knows ~200 names.
    if (shells.size >= 64) shells.clear();
    shells.set(language, shell);
  }
  return shell;
}

const shells = new Map<string | undefined, string>();

/**
 * Pieces of highlighted code (each the inside of a `code` element) through the same sanitiser as
 * every answer, in one call, as nodes to append to the shell's `code`: one list per piece. Each
 * piece is a `code` of its own in the HTML sanitised, so no piece's markup can reach into another's.
 * Sanitising the pieces one by one, or all at once, gives what sanitising them joined gives: each is
 * whole elements and text, and DOMPurify keeps or drops node by node.
 */
export function sanitizeCodeHtml(pieces: readonly string[], className: string): Node[][] {
  if (!pieces.length) return [];
  const fragment = sanitizeAnswer(`<pre>${pieces.map((html) => `<code class="${className}">${html}</code>`).join('')}</pre>`, false);
  const codes = [...fragment.querySelectorAll('pre > code')];
  // Whole elements and text in, so as many `code` elements out; anything else is a bug to see.
  if (codes.length !== pieces.length) throw new Error(`sanitizeCodeHtml: ${pieces.length} pieces in, ${codes.length} out`);
  return codes.map((code) => [...code.childNodes]);
}
