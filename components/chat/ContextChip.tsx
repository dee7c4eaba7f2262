import { useChat } from '@/lib/chat/chat-store';
import { keptNote } from '@/lib/page/truncate';
import { ErrorChip } from './ErrorChip';
import { t } from '@/lib/i18n/t';

const KIND_LABEL = { page: 'context_kind_page', selection: 'context_kind_selection', link: 'context_kind_link' } as const;
const REMOVE_LABEL = { page: 'context_remove_page', selection: 'context_remove_selection', link: 'context_remove_link' } as const;

/**
 * The page text that will go with the next message, removable before sending; and why there is
 * none, or why the last question came back unsent (then the page is still here to remove).
 */
export function ContextChip() {
  const pending = useChat((s) => s.pending);
  const error = useChat((s) => s.attachError);
  const attach = useChat((s) => s.attach);
  const dismiss = useChat((s) => s.dismissAttachError);
  return (
    <>
      <ErrorChip error={error} onDismiss={dismiss} />
      {pending && (
        <div className="chip" aria-label={t('context_attached')}>
          <span className="chip-text">
            <strong>{t('context_kind_heading', t(KIND_LABEL[pending.kind]))}</strong> {pending.title}
            <span className="muted"> · {keptNote(pending.text.length, pending.totalChars)}</span>
          </span>
          <button type="button" aria-label={t(REMOVE_LABEL[pending.kind])} onClick={() => attach(undefined)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
