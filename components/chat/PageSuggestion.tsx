import { offeredPrompts, type OfferedPrompt } from '@/lib/chat/offered-prompts';
import { useChat } from '@/lib/chat/chat-store';
import { missingCredentials } from '@/lib/providers/missing-credentials';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { usePageTextRefusal } from '@/lib/settings/use-page-text-refusal';

/**
 * On an empty conversation, "Summarize this page" (the built-in, as the user named it), unless it is
 * hidden or the organization does not let pages be read; disabled, saying why, while the
 * organization sends no page text to the selected provider (issue 16; the worker refuses too).
 * Not while the provider is still to be set up: the empty panel offers that instead (SetupCard).
 */
export function PageSuggestion({ onRun }: { onRun: (prompt: OfferedPrompt) => void }) {
  const settings = useEffectiveSettings();
  const pageRefusal = usePageTextRefusal();
  const idle = useChat((s) => s.entries.length === 0 && !s.pending && !s.attachError);
  const prompt = settings.allowAddPage ? offeredPrompts(settings, 'page').find((p) => p.id === 'summarize-page') : undefined;
  if (!idle || !prompt || missingCredentials(settings.provider, settings)) return null;
  return (
    <div className="suggestions">
      <button type="button" disabled={!!pageRefusal} title={pageRefusal} onClick={() => onRun(prompt)}>
        {prompt.title}
      </button>
    </div>
  );
}
