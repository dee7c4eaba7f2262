import { browser } from 'wxt/browser';
import { placeholdersIn } from '../settings/prompts/placeholders';
import type { PromptDefinition } from '../settings/schema';
import { getEffectiveSettings } from '../settings/use-effective-settings';
import { attachActivePage } from './attach-active-page';
import { useChat } from './chat-store';
import { promptLanguage } from './prompt-language';
import { quickRequest } from './quick-request';
import { t } from '../i18n/t';

/** Whether a prompt chosen with nothing attached reads the page first: it is about the page. */
export function readsPage(prompt: PromptDefinition): boolean {
  return prompt.where === 'page' || placeholdersIn(prompt.template).includes('page');
}

/**
 * A prompt chosen in the side panel (the "/" picker, "Summarize this page"). With text attached it
 * sends at once about that text; a prompt about the page attaches the page first (when the
 * organization lets pages be read). Otherwise, or while an answer is streaming, it resolves to the
 * request for the message box, the user's text to go under it; '' when it was sent.
 */
export async function runPrompt(prompt: PromptDefinition): Promise<string> {
  const settings = getEffectiveSettings();
  const language = promptLanguage(settings.promptLanguage, browser.i18n.getUILanguage(), t('locale'));
  if (!useChat.getState().pending && readsPage(prompt) && settings.allowAddPage) await attachActivePage();
  const { pending, streaming, send } = useChat.getState();
  if (!pending) return `${quickRequest(prompt.template, undefined, language)}\n\n`;
  const request = quickRequest(prompt.template, pending.kind, language);
  if (streaming) return request;
  send(request);
  return '';
}
