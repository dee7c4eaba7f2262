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
    note('prompts', `must be a list of { "title", "template", "where" } objects; it is ${describeType(value)}.`);
    return undefined;
  }
  const prompts: PromptDefinition[] = [];
  value.forEach((entry: unknown, index) => {
    const key = `prompts[${index}]`;
    if (!isRecord(entry)) {
      note(key, `must be an object with "title" and "template"; it is ${describeType(entry)}. It is ignored.`);
      return;
    }
    const prompt = { title: entry.title, template: entry.template, where: entry.where ?? 'both' };
    const errors = Object.values(checkPrompt(prompt));
    if (errors.length) {
      note(key, `${errors.join(' ')} This prompt is ignored.`);
      return;
    }
    prompts.push(tidyPrompt(prompt as { title: string; template: string; where: PromptWhere }));
  });
  return prompts;
}
