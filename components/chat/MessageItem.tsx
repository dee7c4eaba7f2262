import { PROVIDERS } from '@/lib/providers/catalog';
import type { ChatEntry } from '@/lib/chat/chat-store';
import { Markdown } from './Markdown';

const FINISH_NOTES: Partial<Record<string, string>> = {
  length: 'The answer reached the length limit.',
  'content-filter': 'The provider’s content filter stopped this answer.',
};

/** One message: the user's, or an answer with the provider and model that wrote it. */
export function MessageItem({ entry, onRetry, canRetry }: { entry: ChatEntry; onRetry: () => void; canRetry: boolean }) {
  const author = entry.role === 'user' ? 'You' : `${PROVIDERS[entry.provider!].label} · ${entry.model}`;
  return (
    <article className={`message ${entry.role}`} aria-label={author} aria-busy={entry.status === 'streaming'}>
      {entry.role === 'assistant' && <div className="author">{author}</div>}
      {entry.context && (
        <div className="context">
          Attached {entry.context.kind}:{' '}
          <a href={entry.context.url} target="_blank" rel="noreferrer">
            {entry.context.title}
          </a>
        </div>
      )}
      {entry.role === 'assistant' ? (
        <div className="content">
          <Markdown text={entry.content} />
        </div>
      ) : (
        <div className="content plain">{entry.content}</div>
      )}
      {entry.status === 'stopped' && <div className="note">Stopped.</div>}
      {entry.finishReason && FINISH_NOTES[entry.finishReason] && <div className="note">{FINISH_NOTES[entry.finishReason]}</div>}
      {entry.status === 'error' && entry.error && (
        <div role="alert" className="alert">
          <span>{entry.error.message}</span>
          {canRetry && (
            <button type="button" onClick={onRetry}>
              Retry
            </button>
          )}
        </div>
      )}
    </article>
  );
}
