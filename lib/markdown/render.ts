import { Marked } from 'marked';
import { highlightCode } from './highlight-code';
import { sanitizeAnswer } from './sanitize-answer';
import { t } from '../i18n/t';

const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    code: ({ text, lang }) => highlightCode(text, lang),
  },
});

/** Our own markup around each code block: a copy button, added after sanitising so an answer cannot make one. */
function addCopyButtons(fragment: DocumentFragment): void {
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
}

/**
 * One Markdown block as safe HTML: model output is untrusted (a page it read may have told it what
 * to write), so it is sanitised with an explicit allowlist (sanitize-answer.ts); code blocks then
 * get a copy button. The work is done on DOM nodes of an inert document, never by editing the
 * HTML string, so nothing an answer writes can be spliced into our markup. (`sanitize` is
 * replaceable so tests can prove each layer of the sanitiser on its own.)
 */
export function renderMarkdownBlock(
  markdown: string,
  sanitize: (html: string, hasRawHtml: boolean) => DocumentFragment = sanitizeAnswer,
): string {
  const tokens = marked.lexer(markdown);
  let hasRawHtml = false;
  marked.walkTokens(tokens, (token) => void (hasRawHtml ||= token.type === 'html'));
  const fragment = sanitize(marked.parser(tokens), hasRawHtml);
  addCopyButtons(fragment);
  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}
