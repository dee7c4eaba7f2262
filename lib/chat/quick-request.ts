import type { PageContext } from './conversation-db';
import { fillTemplate } from './fill-template';
import { t, type MessageKey } from '../i18n/t';

type Subject = PageContext['kind'] | 'none';

/**
 * What the placeholders that stand for page content say in the request: a name for the attached
 * text, never the text. The request is the user's own words; the page's text, title and address go
 * to the model apart, framed as untrusted content (lib/page/frame-context.ts), so nothing a page
 * controls is ever read as the user's instruction (OWASP LLM01). `none`: nothing is attached yet,
 * and the user adds the text under the request in the message box. The names are in the language
 * of the built-in templates (the browser's), in the grammatical case those templates need them in
 * (German: the accusative).
 */
const NAMES = {
  selection: { selection: 'request_the_selection', title: 'request_page_title', url: 'request_page_address' },
  page: { selection: 'request_the_page', title: 'request_page_title', url: 'request_page_address' },
  link: { selection: 'request_the_link', title: 'request_link_text', url: 'request_link_address' },
  none: { selection: 'request_text_below', title: 'request_page_title', url: 'request_page_address' },
} as const satisfies Record<Subject, Record<'selection' | 'title' | 'url', MessageKey>>;

/**
 * The request a prompt makes about what is attached. `{{selection}}` and `{{page}}` both name what
 * is attached (a prompt offered on a selection and on a page works on either).
 */
export function quickRequest(template: string, attached: PageContext['kind'] | undefined, language: string): string {
  const names = NAMES[attached ?? 'none'];
  const selection = t(names.selection);
  return fillTemplate(template, { selection, page: selection, title: t(names.title), url: t(names.url), language });
}
