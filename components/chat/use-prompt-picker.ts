import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { offeredPrompts, type OfferedPrompt } from '@/lib/chat/offered-prompts';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';

/** The text after a `/` that starts the message, while it is one line: what the picker filters by. */
export const pickerQuery = (text: string): string | undefined => /^\/([^\n]*)$/.exec(text)?.[1];

/** Prompts whose title contains the query, those that start with it first; case and accents ignored. */
export function matchPrompts(prompts: readonly OfferedPrompt[], query: string): OfferedPrompt[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
  const q = fold(query.trim());
  const starts = prompts.filter((p) => fold(p.title).startsWith(q));
  return [...starts, ...prompts.filter((p) => !starts.includes(p) && fold(p.title).includes(q))];
}

/**
 * The composer's "/" picker: open while the message is `/` and a filter on one line (Escape closes
 * it until the next edit).
 * Arrow keys move, Enter chooses; the message box keeps focus and points at the active option
 * (aria-activedescendant), as WAI-ARIA's combobox pattern does for a list of suggestions.
 */
export function usePromptPicker(text: string, choose: (prompt: OfferedPrompt) => void) {
  const settings = useEffectiveSettings();
  const listboxId = useId();
  const query = pickerQuery(text);
  // Escape closes the picker until the user types again.
  const [dismissed, setDismissed] = useState(false);
  const [active, setActive] = useState({ query: '', index: 0 });
  const open = query !== undefined && !dismissed;
  const matches = useMemo(() => (open ? matchPrompts(offeredPrompts(settings), query) : []), [open, settings, query]);
  const index = active.query === query ? Math.min(active.index, matches.length - 1) : 0;
  const optionId = (i: number) => `${listboxId}-${i}`;

  /** Handles the keys the picker owns; true when the event was its. */
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!open || event.nativeEvent.isComposing) return false;
    const move = (by: number) => setActive({ query: query!, index: (index + by + matches.length) % matches.length });
    switch (event.key) {
      case 'ArrowDown':
        if (matches.length) move(1);
        break;
      case 'ArrowUp':
        if (matches.length) move(-1);
        break;
      case 'Enter':
        // Nothing matches: Enter sends what was typed, as ever.
        if (event.shiftKey || !matches.length) return false;
        choose(matches[index]!);
        break;
      case 'Escape':
        setDismissed(true);
        break;
      default:
        return false;
    }
    event.preventDefault();
    return true;
  };

  return {
    open,
    query: query ?? '',
    matches,
    index,
    listboxId,
    optionId,
    onKeyDown,
    /** Call on every edit of the message: typing after Escape opens the picker again. */
    onInput: () => setDismissed(false),
    /** For the message box: it owns the list while the picker is open. */
    textboxProps: {
      'aria-autocomplete': 'list' as const,
      'aria-controls': open && matches.length ? listboxId : undefined,
      'aria-activedescendant': open && matches.length ? optionId(index) : undefined,
    },
  };
}
