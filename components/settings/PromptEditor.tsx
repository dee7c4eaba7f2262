import { useState, type FormEvent } from 'react';
import { PROMPT_WHERE, WHERE_LABELS, checkPrompt, type PromptErrors } from '@/lib/settings/prompts/check-prompt';
import type { PromptDefinition, PromptWhere } from '@/lib/settings/schema';

/**
 * The form for one prompt: title, template, and where it appears (fixed for a built-in one). Checks
 * every field before `onSave`; a refused or failed save keeps everything typed.
 */
export function PromptEditor({
  initial,
  whereFixed,
  onSave,
  onCancel,
}: {
  initial: PromptDefinition;
  whereFixed: boolean;
  /** Resolves to why the prompt was not saved, or undefined once it is. */
  onSave: (prompt: PromptDefinition) => Promise<string | undefined>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<PromptErrors>({});
  const [failure, setFailure] = useState('');

  const edit = (change: Partial<PromptDefinition>) => {
    setDraft({ ...draft, ...change });
    setErrors({});
    setFailure('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkPrompt(draft);
    setErrors(found);
    if (Object.keys(found).length) return;
    void onSave(draft).then((why) => setFailure(why ?? ''));
  };

  const describe = (id: string, error?: string, help = false) =>
    [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;

  return (
    <form className="prompt-editor" aria-label={initial.title ? `Edit ${initial.title}` : 'New prompt'} onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="prompt-title">Title</label>
        <input
          id="prompt-title"
          value={draft.title}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describe('prompt-title', errors.title)}
          onChange={(e) => edit({ title: e.target.value })}
        />
        {errors.title && (
          <p className="error" id="prompt-title-error">
            {errors.title}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="prompt-template">Template</label>
        <textarea
          id="prompt-template"
          rows={3}
          value={draft.template}
          aria-invalid={errors.template ? true : undefined}
          aria-describedby={describe('prompt-template', errors.template, true)}
          onChange={(e) => edit({ template: e.target.value })}
        />
        <p className="help" id="prompt-template-help">
          The request the prompt makes. {'{{selection}}'} and {'{{page}}'} stand for the selected text or the page, which omni-ai
          sends along, apart from your request and marked as untrusted; {'{{url}}'} and {'{{title}}'} for its address and title;{' '}
          {'{{language}}'} for the language set below.
        </p>
        {errors.template && (
          <p className="error" id="prompt-template-error">
            {errors.template}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="prompt-where">Where it appears</label>
        <select
          id="prompt-where"
          value={draft.where}
          disabled={whereFixed}
          aria-invalid={errors.where ? true : undefined}
          aria-describedby={describe('prompt-where', errors.where)}
          onChange={(e) => edit({ where: e.target.value as PromptWhere })}
        >
          {PROMPT_WHERE.map((where) => (
            <option key={where} value={where}>
              {WHERE_LABELS[where]}
            </option>
          ))}
        </select>
        {errors.where && (
          <p className="error" id="prompt-where-error">
            {errors.where}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          Save prompt
        </button>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        {failure && <span className="error-text">{failure}</span>}
      </div>
    </form>
  );
}
