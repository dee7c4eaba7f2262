import { useEffect, useState } from 'react';
import { searchConversations } from './conversation-db';
import { useChat } from './chat-store';
import { describeStorageProblem } from './storage-problem';

/**
 * The ids of the conversations a query finds, or undefined when there is nothing to search for. A
 * result that comes back after the user typed more is dropped: only the latest query's shows.
 */
export function useConversationSearch(query: string): Set<string> | undefined {
  const [result, setResult] = useState<{ query: string; ids: Set<string> | undefined }>({ query: '', ids: undefined });
  useEffect(() => {
    let current = true;
    searchConversations(query).then(
      (ids) => current && setResult({ query, ids }),
      // Storage refused the read: the panel's alert says so; the list stays unfiltered.
      (error: unknown) => current && useChat.setState({ storageError: describeStorageProblem(error, 'read').message }),
    );
    return () => {
      current = false;
    };
  }, [query]);
  // While the next result is on its way, the last one stays: the list does not flash back to all.
  return result.ids;
}
