import { Lightbulb, Mail, MessageCircleQuestion, Sparkles } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { browser } from 'wxt/browser';
import { useComposerDraft } from '@/lib/chat/composer-draft';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { attachActivePage } from '@/lib/chat/attach-active-page';
import { missingCredentials } from '@/lib/providers/missing-credentials';
import { SetupCard } from './SetupCard';
import { t } from '@/lib/i18n/t';

interface Starter {
  title: string;
  text: string;
  icon: LucideIcon;
  /** Attaches the page the user is on, as "Add page" does. */
  withPage?: boolean;
}

// "Summarize this page" is the user's own built-in prompt, offered beside these by PageSuggestion.
const starters = (): Starter[] => [
  { title: t('starter_page'), text: `${t('starter_page_text')} `, icon: MessageCircleQuestion, withPage: true },
  { title: t('starter_email'), text: `${t('starter_email_text')} `, icon: Mail },
  { title: t('starter_explain'), text: `${t('starter_explain_text')} `, icon: Lightbulb },
];

/**
 * What an empty conversation shows: what the panel can do, and a few ways to start that fill the
 * message box (nothing is sent until the user presses Send). While the selected provider lacks its
 * credentials (a first run), the way to set one up instead: a question could not be answered.
 */
export function EmptyState() {
  const setText = useComposerDraft((s) => s.setText);
  const settings = useEffectiveSettings();
  const { allowAddPage } = settings;
  const shown = starters().filter((s) => allowAddPage || !s.withPage);

  if (missingCredentials(settings.provider, settings))
    return (
      <div className="empty-state setup">
        <SetupCard />
      </div>
    );

  const start = (starter: Starter) => {
    setText(starter.text);
    document.getElementById('message')?.focus();
    if (starter.withPage) void attachActivePage();
  };

  // The sentence around the "settings" link, which sits wherever the language puts it.
  // The marker is plain text: Chrome's i18n drops a NUL or control character from a substitution.
  const intro = t(allowAddPage ? 'empty_intro_page' : 'empty_intro', '%%LINK%%').split('%%LINK%%');

  return (
    <div className="empty-state">
      <div className="empty-mark" aria-hidden="true">
        <Sparkles size={22} />
      </div>
      <h2>{t('empty_title')}</h2>
      <p className="muted">
        {intro[0]}
        <button type="button" className="linklike" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('empty_settings_link')}
        </button>
        {intro[1]}
      </p>
      <div className="starters" role="group" aria-label={t('empty_suggestions')}>
        {shown.map((starter) => (
          <button key={starter.title} type="button" className="starter" onClick={() => start(starter)}>
            <starter.icon aria-hidden="true" size={16} />
            <span>{starter.title}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
