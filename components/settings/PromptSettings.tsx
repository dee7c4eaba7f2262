import { useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { allPrompts, type OfferedPrompt } from '@/lib/chat/offered-prompts';
import { languageName } from '@/lib/chat/prompt-language';
import { builtInPrompts } from '@/lib/settings/prompts/built-in-prompts';
import { checkPromptLanguage, tidyPrompt, whereLabel } from '@/lib/settings/prompts/check-prompt';
import type { BuiltInPromptChange, PromptDefinition, PromptSettings as Prompts } from '@/lib/settings/schema';
import { useSettings } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { LockedNote } from './LockedNote';
import { PromptEditor } from './PromptEditor';
import { t } from '@/lib/i18n/t';

type Editing = { kind: 'new' } | { kind: 'built-in' | 'yours'; prompt: OfferedPrompt };

const NEW_PROMPT: PromptDefinition = { title: '', template: '', where: 'selection' };

/** A built-in's change with only what differs from the built-in itself; undefined when nothing does. */
function builtInChange(id: string, change: BuiltInPromptChange): BuiltInPromptChange | undefined {
  const shipped = builtInPrompts().find((p) => p.id === id)!;
  const kept: BuiltInPromptChange = {};
  if (change.title !== undefined && change.title !== shipped.title) kept.title = change.title;
  if (change.template !== undefined && change.template !== shipped.template) kept.template = change.template;
  if (change.hidden) kept.hidden = true;
  return Object.keys(kept).length ? kept : undefined;
}

function withBuiltIn(prompts: Prompts, id: string, change: BuiltInPromptChange): Prompts {
  const { [id]: _old, ...others } = prompts.builtIn;
  const kept = builtInChange(id, { ...prompts.builtIn[id], ...change });
  return { ...prompts, builtIn: kept ? { ...others, [id]: kept } : others };
}

/**
 * Quick actions on the options page: every prompt, the built-in ones (edit, hide, reset), the
 * organization's (read-only) and the user's own (edit, delete, add), and the language `{{language}}`
 * names. Each change is saved at once; the menu and every side panel follow.
 */
export function PromptSettings() {
  const effective = useEffectiveSettings();
  const prompts = useSettings((s) => s.prompts);
  const savedLanguage = useSettings((s) => s.promptLanguage);
  const savePromptSettings = useSettings((s) => s.savePromptSettings);
  const [editing, setEditing] = useState<Editing | undefined>();
  const [note, setNote] = useState('');

  const save = (next: Prompts, done: string): Promise<string | undefined> =>
    savePromptSettings({ prompts: next }).then(
      () => {
        setNote(done);
        return undefined;
      },
      (error: Error) => {
        const why = t('not_saved', error.message);
        setNote(why);
        return why;
      },
    );

  const saveEdited = async (draft: PromptDefinition): Promise<string | undefined> => {
    const prompt = tidyPrompt(draft);
    let next: Prompts;
    if (editing?.kind === 'built-in') next = withBuiltIn(prompts, editing.prompt.id, { title: prompt.title, template: prompt.template });
    else if (editing?.kind === 'yours') {
      const id = editing.prompt.id.replace(/^user-/, '');
      next = { ...prompts, custom: prompts.custom.map((p) => (p.id === id ? { ...prompt, id } : p)) };
    } else next = { ...prompts, custom: [...prompts.custom, { ...prompt, id: crypto.randomUUID() }] };
    const why = await save(next, t('prompt_saved', prompt.title));
    if (!why) setEditing(undefined);
    return why;
  };

  const remove = (prompt: OfferedPrompt) => {
    const id = prompt.id.replace(/^user-/, '');
    void save({ ...prompts, custom: prompts.custom.filter((p) => p.id !== id) }, t('prompt_deleted', prompt.title));
  };

  const rows = allPrompts(effective);
  return (
    <section className="prompt-settings" aria-labelledby="prompts-heading">
      <h2 id="prompts-heading">{t('prompts_heading')}</h2>
      <p className="help muted">
        {t('prompts_intro')}
      </p>
      <ul className="prompt-list" aria-label={t('picker_label')}>
        {rows.map((prompt) => (
          <li key={prompt.id} className={prompt.hidden ? 'hidden-prompt' : undefined}>
            <div className="prompt-text">
              <div>
                <strong className="prompt-title">{prompt.title}</strong>{' '}
                <span className="muted">
                  · {whereLabel(prompt.where)}
                  {prompt.hidden && ` · ${t('prompt_hidden_mark')}`}
                </span>
              </div>
              <div className="prompt-template">{prompt.template}</div>
              {prompt.source === 'organization' && <LockedNote id={`${prompt.id}-locked`} />}
            </div>
            {prompt.source === 'built-in' && (
              <>
                <button type="button" aria-label={t('prompt_edit', prompt.title)} onClick={() => setEditing({ kind: 'built-in', prompt })}>
                  {t('actions_edit')}
                </button>
                <button
                  type="button"
                  aria-label={t(prompt.hidden ? 'prompt_show' : 'prompt_hide', prompt.title)}
                  onClick={() =>
                    void save(
                      withBuiltIn(prompts, prompt.id, { hidden: !prompt.hidden }),
                      prompt.hidden ? t('prompt_offered_again', prompt.title) : t('prompt_is_hidden', prompt.title),
                    )
                  }
                >
                  {prompt.hidden ? t('prompt_show_button') : t('prompt_hide_button')}
                </button>
                {(prompts.builtIn[prompt.id]?.title !== undefined || prompts.builtIn[prompt.id]?.template !== undefined) && (
                  <button
                    type="button"
                    aria-label={t('prompt_reset', prompt.title)}
                    onClick={() =>
                      void save(withBuiltIn(prompts, prompt.id, { title: undefined, template: undefined }), t('prompt_reset_done'))
                    }
                  >
                    {t('prompt_reset_button')}
                  </button>
                )}
              </>
            )}
            {prompt.source === 'yours' && (
              <>
                <button type="button" aria-label={t('prompt_edit', prompt.title)} onClick={() => setEditing({ kind: 'yours', prompt })}>
                  {t('actions_edit')}
                </button>
                <button type="button" aria-label={t('prompt_delete', prompt.title)} onClick={() => remove(prompt)}>
                  {t('history_delete_tooltip')}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      {editing ? (
        <PromptEditor
          key={editing.kind === 'new' ? 'new' : editing.prompt.id}
          initial={editing.kind === 'new' ? NEW_PROMPT : editing.prompt}
          whereFixed={editing.kind === 'built-in'}
          onSave={saveEdited}
          onCancel={() => setEditing(undefined)}
        />
      ) : (
        <div className="actions">
          <button type="button" onClick={() => setEditing({ kind: 'new' })}>
            {t('prompt_add')}
          </button>
        </div>
      )}
      <p aria-live="polite" className="muted">
        {note}
      </p>
      <PromptLanguage saved={savedLanguage} onSave={(promptLanguage) => savePromptSettings({ promptLanguage })} />
    </section>
  );
}

/** The language `{{language}}` names: empty for the browser's. */
function PromptLanguage({ saved, onSave }: { saved: string; onSave: (language: string) => Promise<void> }) {
  const [edit, setEdit] = useState<string | undefined>();
  const [error, setError] = useState('');
  const [note, setNote] = useState('');
  const value = edit ?? saved;
  const browserLanguage = languageName(browser.i18n.getUILanguage(), t('locale'));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problem = checkPromptLanguage(value);
    setError(problem ?? '');
    if (problem) return;
    onSave(value.trim()).then(
      () => {
        setEdit(undefined);
        setNote(value.trim() ? t('prompt_language_set', languageName(value, t('locale'))) : t('prompt_language_browser', browserLanguage));
      },
      (e: Error) => setNote(t('not_saved', e.message)),
    );
  };

  return (
    <form aria-label={t('prompt_language')} onSubmit={onSubmit} noValidate>
      <div className="field">
        <label htmlFor="prompt-language">{t('prompt_language')}</label>
        <input
          id="prompt-language"
          value={value}
          placeholder={t('prompt_language_placeholder', browserLanguage)}
          aria-invalid={error ? true : undefined}
          aria-describedby={['prompt-language-help', error && 'prompt-language-error'].filter(Boolean).join(' ')}
          onChange={(e) => {
            setEdit(e.target.value);
            setError('');
            setNote('');
          }}
        />
        <p className="help" id="prompt-language-help">
          {t('prompt_language_help', '{{language}}')}
        </p>
        {error && (
          <p className="error" id="prompt-language-error">
            {error}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit">{t('prompt_language_save')}</button>
        <span aria-live="polite" className="muted">
          {note}
        </span>
      </div>
    </form>
  );
}
