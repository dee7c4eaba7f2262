import { t } from '../../i18n/t';
import { checkPrompt, tidyPrompt } from '../prompts/check-prompt';
import type { PromptDefinition, PromptWhere } from '../schema';
import { describeType, isRecord, type Note } from './policy-values';

/**
 * The organization's prompts: a list of `{ title, template, where }`, `where` "both" when absent. An
 * entry that would not work (no title, a placeholder omni-ai does not fill) is dropped with a notice
 * naming it (`prompts[2]`) and what to fix; the others apply.
 */
export function parsePolicyPrompts(value: unknown, note: Note): PromptDefinition[] | undefined {
  if (!Array.isArray(value)) {
    note('prompts', t('policy_prompts_not_list', describeType(value)));
    return undefined;
  }
  const prompts: PromptDefinition[] = [];
  value.forEach((entry: unknown, index) => {
    const key = `prompts[${index}]`;
    if (!isRecord(entry)) {
      note(key, t('policy_prompt_not_object', describeType(entry)));
      return;
    }
    const prompt = { title: entry.title, template: entry.template, where: entry.where ?? 'both' };
    const errors = Object.values(checkPrompt(prompt));
    if (errors.length) {
      note(key, t('policy_prompt_ignored', errors.join(' ')));
      return;
    }
    prompts.push(tidyPrompt(prompt as { title: string; template: string; where: PromptWhere }));
  });
  return prompts;
}
