import { deleteConversation } from '../chat/conversation-db';
import { turnCache } from '../chat/read-path';
import type { RunManager } from '../chat/run-manager';
import { describeStorageProblem } from '../chat/storage-problem';
import type { DeleteResult } from '../messaging/protocol';

/**
 * Deletes a conversation for a panel. The worker owns deletion because it owns the runs: the
 * conversation's answers still streaming are stopped first (their upstream requests closed, nothing
 * more written), then its records are deleted, so nothing comes back after (issue 10 §3).
 */
export async function deleteConversationAndRuns(runs: RunManager, conversationId: string): Promise<DeleteResult> {
  await runs.stopConversation(conversationId);
  // Also the turns the worker kept to answer the next question in it (read-path.ts), deleted or not.
  turnCache.forget(conversationId);
  try {
    await deleteConversation(conversationId);
    return { ok: true };
  } catch (error) {
    return { ok: false, message: describeStorageProblem(error, 'delete').message };
  }
}
