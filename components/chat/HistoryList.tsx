import { useEffect } from 'react';
import { useChat } from '@/lib/chat/chat-store';

/** Past conversations, newest first, titled from their first message: reopen or delete. */
export function HistoryList({ onOpen }: { onOpen: () => void }) {
  const conversations = useChat((s) => s.conversations);
  const refresh = useChat((s) => s.refreshConversations);
  const open = useChat((s) => s.open);
  const remove = useChat((s) => s.deleteConversation);
  const storageError = useChat((s) => s.storageError);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return (
    <section className="history" aria-label="Conversations">
      {storageError && (
        <p role="alert" className="alert storage">
          {storageError}
        </p>
      )}
      {conversations.length === 0 ? (
        !storageError && <p className="empty">No conversations yet.</p>
      ) : (
        <ul>
          {conversations.map((c) => (
            <li key={c.id}>
              <button
                type="button"
                className="history-open"
                onClick={() => {
                  void open(c.id).then((shown) => shown && onOpen());
                }}
              >
                <span>{c.title}</span>
                <span className="muted">{new Date(c.updatedAt).toLocaleString()}</span>
              </button>
              <button type="button" aria-label={`Delete “${c.title}”`} onClick={() => void remove(c.id)}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
