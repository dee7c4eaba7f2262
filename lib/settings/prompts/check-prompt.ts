import type { PromptDefinition, PromptWhere } from '../schema';
import { PLACEHOLDERS, isPlaceholder, listPlaceholders, placeholdersIn } from './placeholders';

export const PROMPT_WHERE: readonly PromptWhere[] = ['selection', 'page', 'both'];

/** How the options page names each place a prompt appears. */
export const WHERE_LABELS: Record<PromptWhere, string> = {
  selection: 'On selected text',
  page: 'On a page',
  both: 'On selected text and on a page',
};

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
  if (typeof title !== 'string' || !title.trim()) errors.title = 'Title is required: it is what the menu shows.';
  else if (/[\r\n]/.test(title)) errors.title = 'Title must be one line.';
  else if (title.trim().length > MAX_TITLE) errors.title = `Title must be at most ${MAX_TITLE} characters.`;

  if (typeof template !== 'string' || !template.trim()) errors.template = 'Template is required: it is the request the prompt makes.';
  else if (template.length > MAX_TEMPLATE) errors.template = `Template must be at most ${MAX_TEMPLATE.toLocaleString('en-US')} characters.`;
  else {
    const unknown = placeholdersIn(template).filter((name) => !isPlaceholder(name));
    if (unknown.length)
      errors.template = `Template uses ${listPlaceholders(unknown)}, which omni-ai does not fill. Use ${listPlaceholders(PLACEHOLDERS)}.`;
  }

  if (!PROMPT_WHERE.includes(where as PromptWhere))
    errors.where = 'Where it appears ("where") must be "selection", "page" or "both".';
  return errors;
}

/** The prompt with its title and template trimmed, as it is stored. */
export function tidyPrompt<P extends PromptDefinition>(prompt: P): P {
  return { ...prompt, title: prompt.title.trim(), template: prompt.template.trim() };
}

/** What is wrong with the `{{language}}` setting; undefined when it is right (empty: the browser's). */
export function checkPromptLanguage(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'Language for quick actions must be one line.';
  if (value.trim().length > MAX_TITLE) return `Language for quick actions must be at most ${MAX_TITLE} characters, such as “French” or “pt-BR”.`;
  return undefined;
}
