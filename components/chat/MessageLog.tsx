import { useLayoutEffect, useRef } from 'react';
import { useChat } from '@/lib/chat/chat-store';
import { EmptyState } from './EmptyState';
import { MessageItem } from './MessageItem';
import { t } from '@/lib/i18n/t';

/** The conversation, as a log a screen reader follows; it keeps to the bottom unless scrolled up. */
export function MessageLog() {
  const entries = useChat((s) => s.entries);
  const streaming = useChat((s) => s.streaming);
  const retry = useChat((s) => s.retry);
  const storageError = useChat((s) => s.storageError);
  const versions = useChat((s) => s.versions);
  const ref = useRef<HTMLElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const log = ref.current;
    if (log && pinned.current) log.scrollTop = log.scrollHeight;
  }, [entries]);

  return (
    <section
      ref={ref}
      className="log"
      role="log"
      aria-label={t('log_label')}
      onScroll={(e) => {
        const log = e.currentTarget;
        pinned.current = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
      }}
    >
      {storageError && (
        <p role="alert" className="alert storage">
          {storageError}
        </p>
      )}
      {entries.length === 0 ? (
        <EmptyState />
      ) : (
        entries.map((entry, i) => (
          <MessageItem
            key={entry.id}
            entry={entry}
            onRetry={retry}
            canRetry={!streaming && i === entries.length - 1}
            versions={versions[entry.id]}
            busy={streaming}
            last={i === entries.length - 1}
          />
        ))
      )}
    </section>
  );
}
