import { useCallback, useEffect, useRef, useState } from 'react';
import { searchConversations, searchConversationsPage, type ConversationRecord } from './conversation-db';
import { HISTORY_PAGE, useChat } from './chat-store';
import { describeStorageProblem } from './storage-problem';

/** What a query found, newest first: a page of rows at a time, like the list without a query. */
export interface SearchResults {
  /** How many conversations match. */
  total: number;
  /** The rows read so far. */
  conversations: ConversationRecord[];
  /** Whether matches remain to be read. */
  more: boolean;
  /** Reads the next page of matches (once at a time). */
  loadMore: () => void;
  /** Takes a deleted conversation out of the results. */
  drop: (id: string) => void;
}

interface Found {
  query: string;
  ids: Set<string>;
  conversations: ConversationRecord[];
  /** Whether the last page read was full. */
  more: boolean;
}

/** Storage refused the read: the panel's alert says so; the list stays as it was. */
const fail = (error: unknown) => useChat.setState({ storageError: describeStorageProblem(error, 'read').message });

/**
 * The conversations a query finds, or undefined when there is nothing to search for. A result that
 * comes back after the user typed more is dropped: only the latest query's shows.
 */
export function useConversationSearch(query: string): SearchResults | undefined {
  const [found, setFound] = useState<Found | undefined>();
  const loading = useRef(false);
  useEffect(() => {
    let current = true;
    void (async () => {
      const ids = await searchConversations(query);
      const page = ids && (await searchConversationsPage(ids, HISTORY_PAGE));
      if (current) setFound(ids && page && { query, ids, conversations: page, more: page.length === HISTORY_PAGE });
    })().catch((error: unknown) => current && fail(error));
    return () => {
      current = false;
    };
  }, [query]);

  const loadMore = useCallback(() => {
    const last = found?.conversations.at(-1);
    if (!found || !last || loading.current || !found.more) return;
    loading.current = true;
    searchConversationsPage(found.ids, HISTORY_PAGE, last)
      .then(
        // Added only to the results they were read for: the user may have typed on meanwhile.
        (rows) => setFound((f) => (f === found ? { ...f, conversations: [...f.conversations, ...rows], more: rows.length === HISTORY_PAGE } : f)),
        fail,
      )
      .finally(() => (loading.current = false));
  }, [found]);

  const drop = useCallback((id: string) => setFound((f) => f && { ...f, ids: new Set([...f.ids].filter((i) => i !== id)), conversations: f.conversations.filter((c) => c.id !== id) }), []);

  // While the next result is on its way, the last one stays: the list does not flash back to all.
  if (!found) return undefined;
  return { total: found.ids.size, conversations: found.conversations, more: found.more, loadMore, drop };
}
