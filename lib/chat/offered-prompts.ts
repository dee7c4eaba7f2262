import type { EffectiveSettings } from '../settings/effective-settings';
import { builtInPrompts } from '../settings/prompts/built-in-prompts';
import type { PromptDefinition } from '../settings/schema';

/** Whose prompt it is: the options page lets the user edit their own and the built-in ones only. */
export type PromptSource = 'built-in' | 'yours' | 'organization';

/** A prompt as the menu, the picker and the options page offer it. */
export interface OfferedPrompt extends PromptDefinition {
  /** Unique among all prompts: a built-in's own ID, `org-<n>`, or `user-<id>`. */
  id: string;
  source: PromptSource;
  /** A built-in the user hid: listed on the options page only. */
  hidden: boolean;
}

/**
 * Every prompt, hidden built-ins included: the built-in ones with the user's changes, then the
 * organization's (read-only), then the user's own.
 */
export function allPrompts(settings: Pick<EffectiveSettings, 'prompts' | 'organizationPrompts'>): OfferedPrompt[] {
  const builtIn = builtInPrompts().map(({ id, ...prompt }): OfferedPrompt => {
    const { hidden = false, ...change } = settings.prompts.builtIn[id] ?? {};
    return { ...prompt, ...change, id, source: 'built-in', hidden };
  });
  const organization = settings.organizationPrompts.map((prompt, n): OfferedPrompt => ({ ...prompt, id: `org-${n}`, source: 'organization', hidden: false }));
  const yours = settings.prompts.custom.map(({ id, ...prompt }): OfferedPrompt => ({ ...prompt, id: `user-${id}`, source: 'yours', hidden: false }));
  return [...builtIn, ...organization, ...yours];
}

/** The prompts offered on a selection or on a page (all of them without `where`), hidden ones left out. */
export function offeredPrompts(settings: Pick<EffectiveSettings, 'prompts' | 'organizationPrompts'>, where?: 'selection' | 'page'): OfferedPrompt[] {
  return allPrompts(settings).filter((p) => !p.hidden && (!where || p.where === where || p.where === 'both'));
}
