import type { PromptDefinition, PromptWhere } from '../schema';
import { PLACEHOLDERS, isPlaceholder, listPlaceholders, placeholdersIn } from './placeholders';
import { t, type MessageKey } from '../../i18n/t';

export const PROMPT_WHERE: readonly PromptWhere[] = ['selection', 'page', 'both'];

/** How the options page names each place a prompt appears. */
const WHERE_LABELS = { selection: 'prompt_where_selection', page: 'prompt_where_page', both: 'prompt_where_both' } as const satisfies Record<PromptWhere, MessageKey>;
export const whereLabel = (where: PromptWhere): string => t(WHERE_LABELS[where]);

/** A menu item's title is one line; Chrome shows a long one cut anyway. */
export const MAX_TITLE = 60;
export const MAX_TEMPLATE = 4000;

export type PromptErrors = Partial<Record<'title' | 'template' | 'where', string>>;

/**
 * What is wrong with a prompt, field by field, each message naming its field and what to do; empty
 * when it is right. The options page's editor and the admin policy's parser both check with it.
 */
export function checkPrompt(prompt: { title: unknown; template: unknown; where: unknown }): PromptErrors {
  const errors: PromptErrors = {};
  const { title, template, where } = prompt;
  if (typeof title !== 'string' || !title.trim()) errors.title = t('prompt_check_title_required');
  else if (/[\r\n]/.test(title)) errors.title = t('prompt_check_title_line');
  else if (title.trim().length > MAX_TITLE) errors.title = t('prompt_check_title_long', MAX_TITLE);

  if (typeof template !== 'string' || !template.trim()) errors.template = t('prompt_check_template_required');
  else if (template.length > MAX_TEMPLATE) errors.template = t('prompt_check_template_long', MAX_TEMPLATE);
  else {
    const unknown = placeholdersIn(template).filter((name) => !isPlaceholder(name));
    if (unknown.length)
      errors.template = t('prompt_check_placeholders', listPlaceholders(unknown), listPlaceholders(PLACEHOLDERS));
  }

  if (!PROMPT_WHERE.includes(where as PromptWhere))
    errors.where = t('prompt_check_where');
  return errors;
}

/** The prompt with its title and template trimmed, as it is stored. */
export function tidyPrompt<P extends PromptDefinition>(prompt: P): P {
  return { ...prompt, title: prompt.title.trim(), template: prompt.template.trim() };
}

/** What is wrong with the `{{language}}` setting; undefined when it is right (empty: the browser's). */
export function checkPromptLanguage(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return t('prompt_check_language_line');
  if (value.trim().length > MAX_TITLE) return t('prompt_check_language_long', MAX_TITLE);
  return undefined;
}
