import { useState, type FormEvent } from 'react';
import { MIN_PAGE_BUDGET } from '@/lib/settings/parse-stored';
import { useSettings } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { LockedNote } from './LockedNote';
import { t } from '@/lib/i18n/t';

/**
 * Settings for every conversation, whatever the provider: the system prompt and the page budget.
 * Either may be set by the organization's policy: then it is read-only and never saved over.
 */
export function ChatSettings() {
  const { systemPrompt: savedPrompt, pageBudget: savedBudget, locked } = useEffectiveSettings();
  const userPrompt = useSettings((s) => s.systemPrompt);
  const userBudget = useSettings((s) => s.pageBudget);
  const saveChatSettings = useSettings((s) => s.saveChatSettings);
  const [edits, setEdits] = useState<{ prompt: string; budget: string } | null>(null);
  const [note, setNote] = useState('');
  const [budgetError, setBudgetError] = useState('');
  const prompt = locked.systemPrompt ? savedPrompt : (edits?.prompt ?? savedPrompt);
  const budget = locked.pageBudget ? String(savedBudget) : (edits?.budget ?? String(savedBudget));

  const edit = (change: Partial<{ prompt: string; budget: string }>) => {
    setEdits({ prompt, budget, ...change });
    setNote('');
    setBudgetError('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const pageBudget = locked.pageBudget ? userBudget : Number(budget);
    if (!Number.isInteger(pageBudget) || pageBudget < MIN_PAGE_BUDGET) {
      setBudgetError(t('chat_budget_error', MIN_PAGE_BUDGET));
      setNote(t('not_saved_short'));
      return;
    }
    // A locked value is the policy's: the user's own stays stored underneath.
    saveChatSettings({ systemPrompt: locked.systemPrompt ? userPrompt : prompt.trim(), pageBudget }).then(
      () => {
        setEdits(null);
        setNote(t('chat_saved'));
      },
      (error: Error) => setNote(t('not_saved', error.message)),
    );
  };

  return (
    <form className="chat-settings" aria-label={t('chat_settings')} onSubmit={onSubmit} noValidate>
      <h2>{t('chat_heading')}</h2>
      <div className="field">
        <label htmlFor="system-prompt">{t('chat_system_prompt')}</label>
        <textarea
          id="system-prompt"
          rows={4}
          value={prompt}
          readOnly={locked.systemPrompt}
          aria-describedby={locked.systemPrompt ? 'system-prompt-locked system-prompt-help' : 'system-prompt-help'}
          onChange={(e) => edit({ prompt: e.target.value })}
        />
        {locked.systemPrompt && <LockedNote id="system-prompt-locked" />}
        <p className="help" id="system-prompt-help">
          {t('chat_system_prompt_help')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="page-budget">{t('chat_budget')}</label>
        <input
          id="page-budget"
          inputMode="numeric"
          value={budget}
          readOnly={locked.pageBudget}
          aria-invalid={budgetError ? true : undefined}
          aria-describedby={[locked.pageBudget && 'page-budget-locked', 'page-budget-help', budgetError && 'page-budget-error'].filter(Boolean).join(' ')}
          onChange={(e) => edit({ budget: e.target.value })}
        />
        {locked.pageBudget && <LockedNote id="page-budget-locked" />}
        <p className="help" id="page-budget-help">
          {t('chat_budget_help')}
        </p>
        {budgetError && (
          <p className="error" id="page-budget-error">
            {budgetError}
          </p>
        )}
      </div>
      <div className="actions">
        <button type="submit" disabled={locked.systemPrompt && locked.pageBudget}>
          {t('chat_save')}
        </button>
        <span aria-live="polite" className="muted">
          {note}
        </span>
      </div>
    </form>
  );
}
