import { PROVIDERS } from '@/lib/providers/catalog';
import { lazy, memo, Suspense, useState } from 'react';
import { contextCutNote, sentLine, sentTooltip, type ChatEntry } from '@/lib/chat/chat-store';
import type { PageContext } from '@/lib/chat/conversation-db';
import type { Versions } from '@/lib/chat/conversation-tree';
import { safeLinkUrl } from '@/lib/markdown/safe-link-url';
import { EditQuestion } from './EditQuestion';
import { MessageActions } from './MessageActions';
import { MessageImages } from './MessageImages';
import { SignInAgain } from './SignInAgain';
import { useNearLogView } from './use-near-log-view';
import { LazyMarkdown, PlainAnswer } from './lazy-markdown';
import { lazyWithFallback } from './markdown-chunk';
import { t, type MessageKey } from '@/lib/i18n/t';

// Markdown.tsx's chunk comes through LazyMarkdown (lazy-markdown.tsx), loaded once for the panel.
// The same code: a windowed log's answers, kept rendered once finished (AnswerMarkdown.tsx), with
// the same plain-text stand-in when it cannot be loaded (there is no error boundary to catch it).
const AnswerMarkdown = lazy(
  lazyWithFallback(
    () => import('./AnswerMarkdown').then((m) => m.AnswerMarkdown),
    PlainAnswer,
  ),
);

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

const FINISH_NOTES: Partial<Record<string, MessageKey>> = {
  length: 'answer_finish_length',
  'content-filter': 'answer_finish_filter',
};
const ATTACHED = { page: 'answer_attached_page', selection: 'answer_attached_selection', link: 'answer_attached_link' } as const satisfies Record<PageContext['kind'], MessageKey>;

interface Props {
  entry: ChatEntry;
  onRetry: () => void;
  canRetry: boolean;
  /** Its other versions, when it has some. */
  versions?: Versions;
  /** An answer is streaming somewhere in the conversation. */
  busy?: boolean;
  /** The last message shown: its actions stay visible. */
  last?: boolean;
  /**
   * Where it sits in a windowed log (WindowedMessages), which mounts only the messages near the
   * view: said as `aria-posinset`/`aria-setsize`, so a screen reader knows how many there are.
   */
  posInSet?: number;
  setSize?: number;
  /** Told when the question is opened or closed for editing (a windowed log keeps it mounted). */
  onEditing?: (id: string, editing: boolean) => void;
}

/**
 * One message: the user's, or an answer with the provider and model that wrote it. Memoised: while
 * an answer streams, only the streaming message's props change, so the others are not rendered again.
 */
export const MessageItem = memo(function MessageItem({ entry, onRetry, canRetry, versions, busy = false, last = false, posInSet, setSize, onEditing }: Props) {
  const author = entry.role === 'user' ? t('answer_you') : `${PROVIDERS[entry.provider!].label} · ${entry.model}`;
  const [editing, setEditingState] = useState(false);
  const setEditing = (on: boolean) => {
    setEditingState(on);
    onEditing?.(entry.id, on);
  };
  // An answer's Markdown only once it comes near the visible part of the log (use-near-log-view.ts);
  // in a windowed log a mounted message is near by construction.
  const [ref, near] = useNearLogView<HTMLElement>(last || entry.status === 'streaming' || posInSet !== undefined);
  return (
    <article
      ref={ref}
      className={`message ${entry.role}${last ? ' last' : ''}`}
      aria-label={author}
      aria-busy={entry.status === 'streaming'}
      aria-posinset={posInSet}
      aria-setsize={setSize}
    >
      {entry.role === 'assistant' && <div className="author">{author}</div>}
      {/* The record of what left with this answer's request (issue 16 §3). */}
      {entry.sent?.map((sent) => (
        <p
          key={`${sent.messageId} ${sent.kind} ${sent.url}`}
          className="sent"
          title={sentTooltip(sent)}
        >
          {sentLine(sent)}
        </p>
      ))}
      {/* Its request left the oldest turns out to fit the model's context (context-budget.ts): said, never silent. */}
      {entry.contextCut && <div className="note context-cut">{contextCutNote(entry.contextCut)}</div>}
      {entry.context && (
        <div className="context">
          {t(ATTACHED[entry.context.kind])} <ContextSource context={entry.context} />
        </div>
      )}
      {entry.images && entry.images.length > 0 && <MessageImages images={entry.images} />}
      {entry.role === 'assistant' ? (
        <div className="content">
          {near ? (
            <Suspense fallback={<PlainAnswer text={entry.content} />}>
              {posInSet !== undefined ? <AnswerMarkdown id={entry.id} text={entry.content} done={entry.status !== 'streaming'} /> : <LazyMarkdown text={entry.content} id={entry.id} />}
            </Suspense>
          ) : (
            <PlainAnswer text={entry.content} />
          )}
        </div>
      ) : editing ? (
        <EditQuestion id={entry.id} text={entry.content} onDone={() => setEditing(false)} />
      ) : (
        <div className="content plain">{entry.content}</div>
      )}
      {entry.status === 'stopped' && <div className="note">{t('answer_stopped')}</div>}
      {entry.finishReason && FINISH_NOTES[entry.finishReason] && <div className="note">{t(FINISH_NOTES[entry.finishReason]!)}</div>}
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
              {t('answer_retry')}
            </button>
          )}
        </div>
      )}
      {!editing && <MessageActions entry={entry} versions={versions} busy={busy} onEdit={() => setEditing(true)} />}
    </article>
  );
});
