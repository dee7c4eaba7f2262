import { t } from '../i18n/t';
import { plural } from '../i18n/plural';
/** The default share of a page sent with a message, in characters (about 5,000 tokens). */
export const DEFAULT_PAGE_BUDGET = 20_000;

/**
 * Cuts text to the budget at a paragraph or sentence boundary when one is near the end, so the
 * model does not get half a word. Returns the kept text and whether anything was cut.
 */
export function truncateToBudget(text: string, budget: number): { text: string; cut: boolean } {
  if (text.length <= budget) return { text, cut: false };
  const hard = text.slice(0, budget);
  const boundary = Math.max(hard.lastIndexOf('\n\n'), hard.lastIndexOf('. '));
  const kept = boundary > budget * 0.8 ? hard.slice(0, boundary + 1) : hard;
  return { text: kept.trimEnd(), cut: true };
}

/** "12,000 of 48,210 characters kept", for the chip under the message box. */
export function keptNote(kept: number, total: number): string {
  return kept >= total ? plural('context_chars', total) : t('context_chars_kept', kept, total);
}
