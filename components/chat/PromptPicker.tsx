import type { OfferedPrompt, PromptSource } from '@/lib/chat/offered-prompts';
import type { MessageKey } from '@/lib/i18n/t';
import type { PromptWhere } from '@/lib/settings/schema';
import { t } from '@/lib/i18n/t';

const WHERE_HINT = { selection: 'picker_where_selection', page: 'picker_where_page', both: 'picker_where_both' } as const satisfies Record<PromptWhere, MessageKey>;
const SOURCE_HINT = { 'built-in': undefined, yours: 'picker_source_yours', organization: 'picker_source_organization' } as const satisfies Record<PromptSource, MessageKey | undefined>;

/** "selected text · yours": where the prompt works and, unless it is built in, whose it is. */
function hint(prompt: OfferedPrompt): string {
  const source = SOURCE_HINT[prompt.source];
  return [t(WHERE_HINT[prompt.where]), ...(source ? [t(source)] : [])].join(' · ');
}

/**
 * The prompts matching what follows "/" in the message box, as a listbox the message box controls
 * (use-prompt-picker.ts). The mouse chooses too; pressing does not take focus from the message box.
 */
export function PromptPicker({
  query,
  matches,
  index,
  listboxId,
  optionId,
  onChoose,
}: {
  query: string;
  matches: OfferedPrompt[];
  index: number;
  listboxId: string;
  optionId: (i: number) => string;
  onChoose: (prompt: OfferedPrompt) => void;
}) {
  if (!matches.length)
    return (
      <p className="picker-empty muted">
        {t('picker_no_match', query)}
      </p>
    );
  return (
    <ul className="picker" role="listbox" id={listboxId} aria-label={t('picker_label')}>
      {matches.map((prompt, i) => (
        <li
          key={prompt.id}
          id={optionId(i)}
          role="option"
          aria-selected={i === index}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onChoose(prompt)}
        >
          <span>{prompt.title}</span>
          <span className="muted">{hint(prompt)}</span>
        </li>
      ))}
    </ul>
  );
}
