import type { OfferedPrompt, PromptSource } from '@/lib/chat/offered-prompts';
import type { PromptWhere } from '@/lib/settings/schema';

const WHERE_HINT: Record<PromptWhere, string> = { selection: 'selected text', page: 'page', both: 'selected text or page' };
const SOURCE_HINT: Record<PromptSource, string> = { 'built-in': '', yours: 'yours', organization: 'your organization' };

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
        No prompt matches “{query}”. Enter sends the message as written.
      </p>
    );
  return (
    <ul className="picker" role="listbox" id={listboxId} aria-label="Prompts">
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
          <span className="muted">{[WHERE_HINT[prompt.where], SOURCE_HINT[prompt.source]].filter(Boolean).join(' · ')}</span>
        </li>
      ))}
    </ul>
  );
}
