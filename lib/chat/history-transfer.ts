import { sendMessage } from '../messaging/protocol';
import { readAllConversations, type ImportCounts } from './conversation-db';
import { downloadFile } from './download-file';
import { describeStorageProblem } from './storage-problem';

export interface TransferOutcome {
  ok: boolean;
  message: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "Export all": every conversation, every version of every message, as one JSON file. */
export async function exportAllConversations(now = new Date()): Promise<TransferOutcome> {
  try {
    // Loaded on use: the archive's validation library is not needed to open the panel.
    const [{ toArchive }, conversations] = await Promise.all([import('./conversation-archive'), readAllConversations()]);
    downloadFile(`omni-ai-conversations-${now.toISOString().slice(0, 10)}.json`, JSON.stringify(toArchive(conversations, now)), 'application/json');
    return { ok: true, message: `Exported ${plural(conversations.length, 'conversation')}.` };
  } catch (error) {
    return { ok: false, message: describeStorageProblem(error, 'read').message };
  }
}

/** What an import did, in a sentence. */
export function describeImport(counts: ImportCounts): string {
  const { added, extended, unchanged, messages } = counts;
  if (added + extended === 0)
    return unchanged ? `Nothing to import: ${plural(unchanged, 'conversation')} in the file ${unchanged === 1 ? 'is' : 'are'} here already.` : 'The file has no conversations.';
  const parts = [`Imported ${plural(added, 'conversation')}`];
  if (extended) parts.push(`added messages to ${plural(extended, 'conversation')} already here`);
  const here = unchanged ? `; ${plural(unchanged, 'conversation')} ${unchanged === 1 ? 'was' : 'were'} here already` : '';
  return `${parts.join(', ')} (${plural(messages, 'message')})${here}.`;
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
      message: `omni-ai’s background worker did not answer (${error.message}). Try again.`,
    }));
    if (!result.ok) {
      const done = total.added + total.extended;
      const sofar = done ? `${describeImport(total)} Then the import stopped: ` : 'Nothing was imported: ';
      return { ok: false, message: `${sofar}${result.message} Importing the file again adds only what is missing.` };
    }
    for (const key of Object.keys(total) as (keyof ImportCounts)[]) total[key] += result.counts[key];
  }
  return { ok: true, message: describeImport(total) };
}
