import { PROVIDERS } from '@/lib/providers/catalog';
import { lazy, Suspense } from 'react';
import { sentLine, type ChatEntry } from '@/lib/chat/chat-store';
import type { PageContext } from '@/lib/chat/conversation-db';
import { safeLinkUrl } from '@/lib/markdown/safe-link-url';
import { MessageImages } from './MessageImages';
import { SignInAgain } from './SignInAgain';

// Markdown, sanitising and highlighting are a third of the panel's code and are not needed to open
// it: they load after the first paint (bench/RESULTS.md, cold open), showing plain text until then.
const Markdown = lazy(() => import('./Markdown').then((m) => ({ default: m.Markdown })));

/**
 * Where the attached text came from. The page decides its own URL (a `javascript:` link offered to
 * "Ask omni-ai", say), so only an http(s) or mailto address is a link; anything else is plain text.
 */
function ContextSource({ context }: { context: PageContext }) {
  const url = safeLinkUrl(context.url);
  if (!url) return <span title={context.url}>{context.title}</span>;
  return (
    <a href={url.href} target="_blank" rel="noopener noreferrer">
      {context.title}
    </a>
  );
}

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
      {/* The record of what left with this answer's request (issue 16 §3). */}
      {entry.sent?.map((sent) => (
        <p
          key={`${sent.messageId} ${sent.url}`}
          className="sent"
          title={`${sent.url}: ${sent.chars.toLocaleString('en-US')} characters${sent.endpoint ? `, to ${sent.endpoint}` : ''}`}
        >
          {sentLine(sent)}
        </p>
      ))}
      {entry.context && (
        <div className="context">
          Attached {entry.context.kind}: <ContextSource context={entry.context} />
        </div>
      )}
      {entry.images && entry.images.length > 0 && <MessageImages images={entry.images} />}
      {entry.role === 'assistant' ? (
        <div className="content">
          <Suspense fallback={<div className="plain">{entry.content}</div>}>
            <Markdown text={entry.content} />
          </Suspense>
        </div>
      ) : (
        <div className="content plain">{entry.content}</div>
      )}
      {entry.status === 'stopped' && <div className="note">Stopped.</div>}
      {entry.finishReason && FINISH_NOTES[entry.finishReason] && <div className="note">{FINISH_NOTES[entry.finishReason]}</div>}
      {entry.unsaved && (
        <div role="alert" className="alert storage">
          {entry.unsaved}
        </div>
      )}
      {entry.status === 'error' && entry.error && (
        <div role="alert" className="alert">
          <span>{entry.error.message}</span>
          {entry.error.kind === 'sign-in' && entry.error.again && <SignInAgain provider={entry.provider!} />}
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
