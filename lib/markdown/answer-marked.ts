import { Marked } from 'marked';
import { highlightCode } from './highlight-code';

/** The one Markdown parser answers go through (GFM, code blocks highlighted by highlight-code.ts). */
export const answerMarked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    code: ({ text, lang }) => highlightCode(text, lang),
  },
});
