import { useState, type FormEvent } from 'react';
import { PROMPT_WHERE, whereLabel, checkPrompt, type PromptErrors } from '@/lib/settings/prompts/check-prompt';
import type { PromptDefinition, PromptWhere } from '@/lib/settings/schema';
import { t } from '@/lib/i18n/t';

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
    <form className="prompt-editor" aria-label={initial.title ? t('prompt_edit', initial.title) : t('prompt_new')} onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="prompt-title">{t('prompt_title')}</label>
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
        <label htmlFor="prompt-template">{t('prompt_template')}</label>
        <textarea
          id="prompt-template"
          rows={3}
          value={draft.template}
          aria-invalid={errors.template ? true : undefined}
          aria-describedby={describe('prompt-template', errors.template, true)}
          onChange={(e) => edit({ template: e.target.value })}
        />
        <p className="help" id="prompt-template-help">
          {t('prompt_template_help', '{{selection}}', '{{page}}', '{{url}}', '{{title}}', '{{language}}')}
        </p>
        {errors.template && (
          <p className="error" id="prompt-template-error">
            {errors.template}
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="prompt-where">{t('prompt_where')}</label>
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
              {whereLabel(where)}
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
          {t('prompt_save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('edit_cancel')}
        </button>
        {failure && <span className="error-text">{failure}</span>}
      </div>
    </form>
  );
}
