import { useCallback, useEffect, useRef, useState } from 'react';
import { HistorySearch, type ConversationRecord } from './conversation-db';
import { HISTORY_PAGE, useChat } from './chat-store';
import { describeStorageProblem } from './storage-problem';

/** What a query found, newest first: a page of rows at a time, like the list without a query. */
export interface SearchResults {
  /** How many conversations match; undefined while a common query's matches are still being counted. */
  total: number | undefined;
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
  search: HistorySearch;
  total: number | undefined;
  conversations: ConversationRecord[];
  /** Whether the last page read was full. */
  more: boolean;
}

/** How long a common query's page stays on screen unchanged before its matches are counted. */
const COUNT_AFTER_MS = 600;

/** Storage refused the read: the panel's alert says so; the list stays as it was. */
const fail = (error: unknown) => useChat.setState({ storageError: describeStorageProblem(error, 'read').message });

/**
 * The conversations a query finds, or undefined when there is nothing to search for. A result that
 * comes back after the user typed more is dropped: only the latest query's shows. The first page is
 * shown as soon as it is read; a common query's total follows (HistorySearch.count).
 */
export function useConversationSearch(query: string): SearchResults | undefined {
  const [found, setFound] = useState<Found | undefined>();
  const loading = useRef(false);
  useEffect(() => {
    let current = true;
    void (async () => {
      const search = await HistorySearch.start(query);
      const page = search && (await search.page(HISTORY_PAGE));
      if (!current) return;
      setFound(search && page && { search, total: search.total, conversations: page, more: page.length === HISTORY_PAGE });
      if (search && search.total === undefined) {
        // Counted once the user stops typing, and given up when they type on: a common prefix's keys
        // take seconds to read, which the next query must not wait behind (bench/NOTES.md).
        await new Promise((resolve) => setTimeout(resolve, COUNT_AFTER_MS));
        const total = current ? await search.count(() => current) : undefined;
        if (current && total !== undefined) setFound((f) => (f?.search === search ? { ...f, total } : f));
      }
    })().catch((error: unknown) => current && fail(error));
    return () => {
      current = false;
    };
  }, [query]);

  const loadMore = useCallback(() => {
    const last = found?.conversations.at(-1);
    if (!found || !last || loading.current || !found.more) return;
    loading.current = true;
    found.search
      .page(HISTORY_PAGE, last)
      .then(
        // Added only to the results they were read for: the user may have typed on meanwhile.
        (rows) =>
          setFound((f) =>
            f?.search === found.search
              ? { ...f, total: f.total ?? found.search.total, conversations: [...f.conversations, ...rows], more: rows.length === HISTORY_PAGE }
              : f,
          ),
        fail,
      )
      .finally(() => (loading.current = false));
  }, [found]);

  const drop = useCallback(
    (id: string) =>
      setFound((f) => {
        if (!f?.conversations.some((c) => c.id === id)) return f;
        f.search.drop(id);
        return { ...f, total: f.total === undefined ? undefined : f.total - 1, conversations: f.conversations.filter((c) => c.id !== id) };
      }),
    [],
  );

  // While the next result is on its way, the last one stays: the list does not flash back to all.
  if (!found) return undefined;
  return { total: found.total, conversations: found.conversations, more: found.more, loadMore, drop };
}
