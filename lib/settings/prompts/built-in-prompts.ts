import type { PromptDefinition } from '../schema';

/** A prompt omni-ai ships; the user may edit its title and template, or hide it. */
export interface BuiltInPrompt extends PromptDefinition {
  id: string;
}

/**
 * The built-in quick actions, in menu order (DESIGN.md keeps these titles). `{{selection}}` and
 * `{{page}}` name the attached text; the text itself goes apart, framed as untrusted content.
 */
export const BUILT_IN_PROMPTS: readonly BuiltInPrompt[] = [
  {
    id: 'summarize',
    title: 'Summarize',
    template: 'Summarize {{selection}} in a few short bullet points. Answer in {{language}}.',
    where: 'selection',
  },
  {
    id: 'explain',
    title: 'Explain',
    template: 'Explain {{selection}} in plain words, for someone new to the subject. Answer in {{language}}.',
    where: 'selection',
  },
  {
    id: 'translate',
    title: 'Translate',
    template:
      'Translate {{selection}} into {{language}}; if it is already in {{language}}, into English. Give only the translation.',
    where: 'selection',
  },
  {
    id: 'rephrase',
    title: 'Rephrase',
    template: 'Rephrase {{selection}} so that it reads clearly and naturally, keeping its meaning and its language. Give only the new text.',
    where: 'selection',
  },
  {
    id: 'summarize-page',
    title: 'Summarize this page',
    template: 'Summarize {{page}} in a few short bullet points. Answer in {{language}}.',
    where: 'page',
  },
  {
    id: 'translate-page',
    title: 'Translate this page',
    template: 'Translate {{page}} into {{language}}. Give only the translation.',
    where: 'page',
  },
];

export const BUILT_IN_IDS: ReadonlySet<string> = new Set(BUILT_IN_PROMPTS.map((p) => p.id));
