import { t } from '../../i18n/t';
import type { PromptDefinition } from '../schema';

/** A prompt omni-ai ships; the user may edit its title and template, or hide it. */
export interface BuiltInPrompt extends PromptDefinition {
  id: string;
}

/**
 * The built-in quick actions, in menu order (DESIGN.md keeps these titles), in the browser's
 * language: their titles and templates are messages like every other string omni-ai shows. A
 * template the user edited is the user's text and stays as written (offered-prompts.ts).
 * `{{selection}}` and `{{page}}` name the attached text; the text itself goes apart, framed as
 * untrusted content.
 */
export function builtInPrompts(): BuiltInPrompt[] {
  return [
    { id: 'summarize', title: t('quick_summarize'), template: t('quick_summarize_template'), where: 'selection' },
    { id: 'explain', title: t('quick_explain'), template: t('quick_explain_template'), where: 'selection' },
    { id: 'translate', title: t('quick_translate'), template: t('quick_translate_template'), where: 'selection' },
    { id: 'rephrase', title: t('quick_rephrase'), template: t('quick_rephrase_template'), where: 'selection' },
    { id: 'summarize-page', title: t('quick_summarize_page'), template: t('quick_summarize_page_template'), where: 'page' },
    { id: 'translate-page', title: t('quick_translate_page'), template: t('quick_translate_page_template'), where: 'page' },
  ];
}

export const BUILT_IN_IDS: ReadonlySet<string> = new Set(['summarize', 'explain', 'translate', 'rephrase', 'summarize-page', 'translate-page']);
