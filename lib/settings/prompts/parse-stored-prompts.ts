import { plural } from '../../i18n/plural';
import { t } from '../../i18n/t';
import type { BuiltInPromptChange, PromptSettings, UserPrompt } from '../schema';
import { BUILT_IN_IDS } from './built-in-prompts';
import { PROMPT_WHERE } from './check-prompt';

export const noPromptChanges = (): PromptSettings => ({ builtIn: {}, custom: [] });

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';

function parseChange(stored: unknown): { change: BuiltInPromptChange; bad: boolean } {
  if (!isRecord(stored)) return { change: {}, bad: true };
  const change: BuiltInPromptChange = {};
  let bad = false;
  for (const key of ['title', 'template'] as const) {
    if (stored[key] === undefined) continue;
    if (isText(stored[key])) change[key] = stored[key];
    else bad = true;
  }
  if (typeof stored.hidden === 'boolean') change.hidden = stored.hidden;
  else if (stored.hidden !== undefined) bad = true;
  return { change, bad };
}

/**
 * Reads the stored quick actions, keeping every prompt that can be used. A user's prompt is kept
 * even with a placeholder this version does not fill (it stays as written): only an entry without a
 * title or a template is unusable. Returns the notices to show for what could not be kept.
 */
export function parseStoredPrompts(stored: unknown): { prompts: PromptSettings; notices: string[] } {
  const prompts = noPromptChanges();
  if (stored === undefined) return { prompts, notices: [] };
  if (!isRecord(stored)) return { prompts, notices: [t('prompts_unreadable')] };
  const notices: string[] = [];

  let badChanges = false;
  if (isRecord(stored.builtIn))
    for (const [id, value] of Object.entries(stored.builtIn)) {
      // A built-in a later version removed: nothing to change any more.
      if (!BUILT_IN_IDS.has(id)) continue;
      const { change, bad } = parseChange(value);
      badChanges ||= bad;
      if (Object.keys(change).length) prompts.builtIn[id] = change;
    }
  else if (stored.builtIn !== undefined) badChanges = true;
  if (badChanges) notices.push(t('prompts_changes_undone'));

  const custom = Array.isArray(stored.custom) ? stored.custom : [];
  let dropped = stored.custom === undefined || Array.isArray(stored.custom) ? 0 : 1;
  const ids = new Set<string>();
  custom.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || !isText(entry.title) || !isText(entry.template)) {
      dropped++;
      return;
    }
    // Derived, not random, when missing or repeated: the worker and every page read the same data
    // and must agree on each prompt's ID (its menu item).
    let id = isText(entry.id) ? entry.id : `prompt-${index}`;
    if (ids.has(id)) id = `${id}-${index}`;
    ids.add(id);
    const where = PROMPT_WHERE.find((w) => w === entry.where) ?? 'both';
    prompts.custom.push({ id, title: entry.title, template: entry.template, where } satisfies UserPrompt);
  });
  if (dropped)
    notices.push(plural('prompts_dropped', dropped));
  return { prompts, notices };
}
