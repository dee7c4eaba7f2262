import type { PageContext } from './conversation-db';
import { fillTemplate } from './fill-template';

type Subject = PageContext['kind'] | 'none';

/**
 * What the placeholders that stand for page content say in the request: a name for the attached
 * text, never the text. The request is the user's own words; the page's text, title and address go
 * to the model apart, framed as untrusted content (lib/page/frame-context.ts), so nothing a page
 * controls is ever read as the user's instruction (OWASP LLM01). `none`: nothing is attached yet,
 * and the user adds the text under the request in the message box.
 */
const NAMES: Record<Subject, { selection: string; title: string; url: string }> = {
  selection: { selection: 'the selected text', title: 'the page’s title', url: 'the page’s address' },
  page: { selection: 'the page', title: 'the page’s title', url: 'the page’s address' },
  link: { selection: 'the link', title: 'the link’s text', url: 'the link’s address' },
  none: { selection: 'the text below', title: 'the page’s title', url: 'the page’s address' },
};

/**
 * The request a prompt makes about what is attached. `{{selection}}` and `{{page}}` both name what
 * is attached (a prompt offered on a selection and on a page works on either).
 */
export function quickRequest(template: string, attached: PageContext['kind'] | undefined, language: string): string {
  const names = NAMES[attached ?? 'none'];
  return fillTemplate(template, { selection: names.selection, page: names.selection, title: names.title, url: names.url, language });
}
