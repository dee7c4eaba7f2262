import { importConversations, type ArchivedConversation } from '../chat/conversation-db';
import { describeStorageProblem } from '../chat/storage-problem';
import type { ImportResult } from '../messaging/protocol';

/**
 * Stores one batch of an imported file for a panel. The worker writes it because it owns writes:
 * it also forgets that it deleted a conversation the user now brings back, so the next answer in it
 * is stored (conversation-db.ts refuses writes into conversations it deleted).
 */
export async function importConversationBatch(batch: ArchivedConversation[]): Promise<ImportResult> {
  try {
    return { ok: true, counts: await importConversations(batch) };
  } catch (error) {
    return { ok: false, message: describeStorageProblem(error, 'save').message };
  }
}
