import { Search, Trash2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useChat } from '@/lib/chat/chat-store';
import { useConversationSearch } from '@/lib/chat/use-conversation-search';
import { HistoryTransfer } from './HistoryTransfer';
import { t, uiLanguage } from '@/lib/i18n/t';
import { plural } from '@/lib/i18n/plural';

/**
 * Past conversations, newest first, titled from their first message: search, reopen or delete; export
 * or import them all. A year of history is thousands of rows: a page is read at a time, the next
 * when "Show more" scrolls into view or is pressed (issue 13).
 */
export function HistoryList({ onOpen }: { onOpen: () => void }) {
  const conversations = useChat((s) => s.conversations);
  const moreConversations = useChat((s) => s.moreConversations);
  const refresh = useChat((s) => s.refreshConversations);
  const loadMoreConversations = useChat((s) => s.loadMoreConversations);
  const open = useChat((s) => s.open);
  const remove = useChat((s) => s.deleteConversation);
  const storageError = useChat((s) => s.storageError);
  const [query, setQuery] = useState('');
  const search = useConversationSearch(query);
  const showMore = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const visible = search ? search.conversations : conversations;
  const more = search ? search.more : moreConversations;
  const loadMore = search ? search.loadMore : () => void loadMoreConversations();

  // Scrolling the list to its end reads the next page, as pressing "Show more" does.
  useEffect(() => {
    const button = showMore.current;
    if (!button || !more) return;
    const observer = new IntersectionObserver((seen) => seen.some((e) => e.isIntersecting) && loadMore());
    observer.observe(button);
    return () => observer.disconnect();
  });

  return (
    <section className="history" aria-label={t('history_label')}>
      <div className="search-box">
        <Search aria-hidden="true" size={16} />
        <input
          type="search"
          aria-label={t('history_search')}
          placeholder={t('history_search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {storageError && (
        <p role="alert" className="alert storage">
          {storageError}
        </p>
      )}
      {search && (
        <p className="muted result-count" role="status">
          {search.total === undefined
            ? t('history_matches_at_least', search.conversations.length)
            : search.total === 0
              ? t('history_no_match')
              : plural('history_matches', search.total)}
        </p>
      )}
      {conversations.length === 0 ? (
        !storageError && <p className="empty">{t('history_empty')}</p>
      ) : (
        <ul>
          {visible.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="history-open"
                onClick={() => {
                  void open(c.id).then((opened) => opened && onOpen());
                }}
              >
                <span className="history-title">{c.title}</span>
                <span className="muted">{new Date(c.updatedAt).toLocaleString(uiLanguage())}</span>
              </button>
              <button
                type="button"
                className="icon-button history-delete"
                aria-label={t('history_delete', c.title)}
                data-tooltip={t('history_delete_tooltip')}
                data-tooltip-at="below-end"
                onClick={() => void remove(c.id).then((gone) => gone && search?.drop(c.id))}
              >
                <Trash2 aria-hidden="true" size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button ref={showMore} type="button" className="show-more" onClick={loadMore}>
          {search?.total !== undefined ? t('history_show_more', search.total - search.conversations.length) : t('history_show_more_plain')}
        </button>
      )}
      <HistoryTransfer />
    </section>
  );
}
