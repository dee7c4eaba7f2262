import { sendMessage } from '../messaging/protocol';
import { readAllConversations, type ImportCounts } from './conversation-db';
import { downloadFile } from './download-file';
import { describeStorageProblem } from './storage-problem';
import { t } from '../i18n/t';
import { plural } from '../i18n/plural';

export interface TransferOutcome {
  ok: boolean;
  message: string;
}

/** "Export all": every conversation, every version of every message, as one JSON file. */
export async function exportAllConversations(now = new Date()): Promise<TransferOutcome> {
  try {
    // Loaded on use: the archive's validation library is not needed to open the panel.
    const [{ toArchive }, conversations] = await Promise.all([import('./conversation-archive'), readAllConversations()]);
    downloadFile(`omni-ai-conversations-${now.toISOString().slice(0, 10)}.json`, JSON.stringify(toArchive(conversations, now)), 'application/json');
    return { ok: true, message: plural('transfer_exported', conversations.length) };
  } catch (error) {
    return { ok: false, message: describeStorageProblem(error, 'read').message };
  }
}

/** What an import did, in a sentence. */
export function describeImport(counts: ImportCounts): string {
  const { added, extended, unchanged, messages } = counts;
  if (added + extended === 0)
    return unchanged ? plural('transfer_nothing_new', unchanged) : t('transfer_empty_file');
  const parts = [plural('transfer_imported', added)];
  if (extended) parts.push(plural('transfer_extended', extended));
  const here = unchanged ? plural('transfer_here_already', unchanged) : '';
  return t('transfer_import_summary', parts.join(t('list_separator')), plural('transfer_messages', messages), here);
}

/**
 * "Import": reads a file made by Export all, checks all of it first (a bad file imports nothing and
 * says where it is wrong), then has the worker store it in batches, skipping what is here already.
 */
export async function importConversationFile(file: Blob): Promise<TransferOutcome> {
  const [{ parseArchive, batchesOf }, text] = await Promise.all([import('./conversation-archive'), file.text()]);
  const parsed = parseArchive(text);
  if (!parsed.ok) return parsed;
  const total: ImportCounts = { added: 0, extended: 0, unchanged: 0, messages: 0 };
  for (const batch of batchesOf(parsed.conversations)) {
    const result = await sendMessage('importConversations', batch).catch((error: Error) => ({
      ok: false as const,
      message: t('worker_no_answer', error.message),
    }));
    if (!result.ok) {
      const done = total.added + total.extended;
      const sofar = done ? t('transfer_stopped_after', describeImport(total)) : t('transfer_nothing_imported');
      return { ok: false, message: t('transfer_failed_part', sofar, result.message) };
    }
    for (const key of Object.keys(total) as (keyof ImportCounts)[]) total[key] += result.counts[key];
  }
  return { ok: true, message: describeImport(total) };
}
