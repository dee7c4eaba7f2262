import { Lightbulb, Mail, MessageCircleQuestion, Sparkles } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import { browser } from 'wxt/browser';
import { useComposerDraft } from '@/lib/chat/composer-draft';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { attachActivePage } from '@/lib/chat/attach-active-page';
import { missingCredentials } from '@/lib/providers/missing-credentials';
import { SetupCard } from './SetupCard';

interface Starter {
  title: string;
  text: string;
  icon: LucideIcon;
  /** Attaches the page the user is on, as "Add page" does. */
  withPage?: boolean;
}

// "Summarize this page" is the user's own built-in prompt, offered beside these by PageSuggestion.
const STARTERS: Starter[] = [
  { title: 'Ask about this page', text: 'What does this page say about ', icon: MessageCircleQuestion, withPage: true },
  { title: 'Draft an email', text: 'Draft a short, friendly email that ', icon: Mail },
  { title: 'Explain a concept', text: 'Explain in simple terms, with one example: ', icon: Lightbulb },
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
  const starters = STARTERS.filter((s) => allowAddPage || !s.withPage);

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

  return (
    <div className="empty-state">
      <div className="empty-mark" aria-hidden="true">
        <Sparkles size={22} />
      </div>
      <h2>What can I help with?</h2>
      <p className="muted">
        Ask anything{allowAddPage ? ', or about the page you are reading: Add page attaches its text to your message' : ''}. Pick the model
        above; providers and keys are in{' '}
        <button type="button" className="linklike" onClick={() => void browser.runtime.openOptionsPage()}>
          settings
        </button>
        .
      </p>
      <div className="starters" role="group" aria-label="Suggestions">
        {starters.map((starter) => (
          <button key={starter.title} type="button" className="starter" onClick={() => start(starter)}>
            <starter.icon aria-hidden="true" size={16} />
            <span>{starter.title}</span>
          </button>
        ))}
      </div>
    </div>
  );
}
