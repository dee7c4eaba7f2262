import { Search, Trash2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { useChat } from '@/lib/chat/chat-store';
import { useConversationSearch } from '@/lib/chat/use-conversation-search';
import { HistoryTransfer } from './HistoryTransfer';
import { t, uiLanguage } from '@/lib/i18n/t';
import { plural } from '@/lib/i18n/plural';

/** Shown at first, and added each time "Show more" is pressed: a year of history is thousands of rows. */
const PAGE = 100;

/** Past conversations, newest first, titled from their first message: search, reopen or delete; export or import them all. */
export function HistoryList({ onOpen }: { onOpen: () => void }) {
  const conversations = useChat((s) => s.conversations);
  const refresh = useChat((s) => s.refreshConversations);
  const open = useChat((s) => s.open);
  const remove = useChat((s) => s.deleteConversation);
  const storageError = useChat((s) => s.storageError);
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE);
  const matches = useConversationSearch(query);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const found = matches ? conversations.filter((c) => matches.has(c.id)) : conversations;
  const visible = found.slice(0, shown);

  return (
    <section className="history" aria-label={t('history_label')}>
      <div className="search-box">
        <Search aria-hidden="true" size={16} />
        <input
          type="search"
          aria-label={t('history_search')}
          placeholder={t('history_search')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setShown(PAGE);
          }}
        />
      </div>
      {storageError && (
        <p role="alert" className="alert storage">
          {storageError}
        </p>
      )}
      {matches && (
        <p className="muted result-count" role="status">
          {found.length === 0 ? t('history_no_match') : plural('history_matches', found.length)}
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
              <button type="button" className="icon-button history-delete" aria-label={t('history_delete', c.title)} data-tooltip={t('history_delete_tooltip')} data-tooltip-at="below-end" onClick={() => void remove(c.id)}>
                <Trash2 aria-hidden="true" size={16} />
              </button>
            </li>
          ))}
        </ul>
      )}
      {found.length > visible.length && (
        <button type="button" className="show-more" onClick={() => setShown(shown + PAGE)}>
          {t('history_show_more', found.length - visible.length)}
        </button>
      )}
      <HistoryTransfer />
    </section>
  );
}
