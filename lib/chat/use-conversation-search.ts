import { useCallback, useEffect, useRef, useState } from 'react';
import { readConversations, searchConversationsPage, type ConversationRecord } from './conversation-db';
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
  ids: string[];
  conversations: ConversationRecord[];
  /** How many of `ids` were read: one deleted meanwhile has no row, so this can exceed the rows. */
  read: number;
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
    searchConversationsPage(query, HISTORY_PAGE).then(
      (page) => current && setFound(page && { query, ids: page.ids, conversations: page.conversations, read: Math.min(HISTORY_PAGE, page.ids.length) }),
      (error: unknown) => current && fail(error),
    );
    return () => {
      current = false;
    };
  }, [query]);

  const loadMore = useCallback(() => {
    if (!found || loading.current || found.read >= found.ids.length) return;
    loading.current = true;
    const next = found.ids.slice(found.read, found.read + HISTORY_PAGE);
    readConversations(next)
      .then(
        // Added only to the results they were read for: the user may have typed on meanwhile.
        (rows) => setFound((f) => (f === found ? { ...f, conversations: [...f.conversations, ...rows], read: f.read + next.length } : f)),
        fail,
      )
      .finally(() => (loading.current = false));
  }, [found]);

  const drop = useCallback(
    (id: string) => setFound((f) => f && { ...f, ids: f.ids.filter((i) => i !== id), conversations: f.conversations.filter((c) => c.id !== id), read: f.read - (f.ids.slice(0, f.read).includes(id) ? 1 : 0) }),
    [],
  );

  // While the next result is on its way, the last one stays: the list does not flash back to all.
  if (!found) return undefined;
  return { total: found.ids.length, conversations: found.conversations, more: found.read < found.ids.length, loadMore, drop };
}
