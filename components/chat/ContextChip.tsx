import { useChat } from '@/lib/chat/chat-store';
import { keptNote } from '@/lib/page/truncate';
import { ErrorChip } from './ErrorChip';

const KIND_LABEL = { page: 'Page', selection: 'Selection', link: 'Link' } as const;

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
        <div className="chip" aria-label="Attached context">
          <span className="chip-text">
            <strong>{KIND_LABEL[pending.kind]}:</strong> {pending.title}
            <span className="muted"> · {keptNote(pending.text.length, pending.totalChars)}</span>
          </span>
          <button type="button" aria-label={`Remove ${KIND_LABEL[pending.kind].toLowerCase()}`} onClick={() => attach(undefined)}>
            ×
          </button>
        </div>
      )}
    </>
  );
}
