import { z } from 'zod';
import { PROVIDER_IDS } from '../providers/catalog';
import type { ArchivedConversation } from './conversation-db';
import { t } from '../i18n/t';

/** What "Export all" writes and "Import" reads: every conversation, every version of every message. */
export const ARCHIVE_FORMAT = 'omni-ai-conversations';
export const ARCHIVE_VERSION = 1;

export interface Archive {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  exportedAt: string;
  conversations: ArchivedConversation[];
}

export function toArchive(conversations: ArchivedConversation[], now = new Date()): Archive {
  return { format: ARCHIVE_FORMAT, version: ARCHIVE_VERSION, exportedAt: now.toISOString(), conversations };
}

// Strict about what the panel relies on (ids, roles, a known provider on each answer), lenient about
// the rest: a field this version does not know is dropped, not a reason to refuse the file.
const pageContext = z.object({
  kind: z.enum(['page', 'selection', 'link']),
  title: z.string(),
  url: z.string(),
  text: z.string(),
  totalChars: z.number(),
  // Where the text was read from, checked again by the site rules when the conversation goes on.
  readFrom: z.array(z.string()).optional(),
});

// The record of page text that left (issue 16): it goes out and comes back with the conversation.
const sentPage = z.object({
  messageId: z.string().min(1),
  kind: z.enum(['page', 'selection', 'link', 'screenshot']),
  url: z.string(),
  chars: z.number(),
  provider: z.enum(PROVIDER_IDS),
  endpoint: z.string().optional(),
});

const message = z
  .object({
    id: z.string().min(1),
    at: z.number(),
    parentId: z.string().min(1).nullable().optional(),
    role: z.enum(['user', 'assistant']),
    content: z.string(),
    context: pageContext.optional(),
    provider: z.enum(PROVIDER_IDS).optional(),
    model: z.string().optional(),
    status: z.enum(['streaming', 'done', 'stopped', 'error']),
    error: z.object({ kind: z.string(), message: z.string(), status: z.number().optional(), retryAfter: z.number().optional() }).optional(),
    finishReason: z.enum(['stop', 'length', 'content-filter', 'error', 'other']).optional(),
    usage: z.object({ inputTokens: z.number().optional(), outputTokens: z.number().optional() }).optional(),
    sent: z.array(sentPage).optional(),
    // What the answer's request left out to fit the model's context: the note goes and comes back with it.
    contextCut: z.object({ kept: z.number().int().min(1), total: z.number().int().min(1) }).optional(),
  })
  .refine((m) => m.role === 'user' || (m.provider !== undefined && m.model !== undefined), {
    message: 'an answer needs its "provider" and "model"',
  });

const conversation = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
  messages: z.array(message),
});

const archive = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  version: z.literal(ARCHIVE_VERSION),
  exportedAt: z.string(),
  conversations: z.array(conversation),
});

export type ParsedArchive = { ok: true; conversations: ArchivedConversation[] } | { ok: false; message: string };


/** `conversations[3].messages[2].role` */
function pathOf(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}

/**
 * Reads an exported file. Anything else gets a message that says what is wrong and where (the
 * field's path in the file), and nothing is imported: a file that is half right is not half imported.
 */
export function parseArchive(text: string): ParsedArchive {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: t('archive_not_json', (error as Error).message) };
  }
  const head = (typeof data === 'object' && data !== null ? data : {}) as { format?: unknown; version?: unknown };
  if (head.format !== ARCHIVE_FORMAT)
    return { ok: false, message: t('archive_no_format', ARCHIVE_FORMAT) };
  if (typeof head.version === 'number' && head.version > ARCHIVE_VERSION)
    return { ok: false, message: t('archive_newer', String(head.version)) };
  const parsed = archive.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = `${pathOf(issue.path)}: ${issue.message}`;
    const more = parsed.error.issues.length - 1;
    return { ok: false, message: more ? t('archive_invalid_more', where, String(more)) : t('archive_invalid', where) };
  }
  return { ok: true, conversations: parsed.data.conversations as ArchivedConversation[] };
}

/**
 * The conversations in batches of about `maxBytes` of JSON each, for the worker: one message to it
 * must stay well under Chrome's 64 MiB limit, and a year of history is more than that.
 */
export function batchesOf(conversations: ArchivedConversation[], maxBytes = 4_000_000): ArchivedConversation[][] {
  const batches: ArchivedConversation[][] = [];
  let batch: ArchivedConversation[] = [];
  let size = 0;
  for (const c of conversations) {
    const bytes = JSON.stringify(c).length;
    if (batch.length && size + bytes > maxBytes) {
      batches.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(c);
    size += bytes;
  }
  if (batch.length) batches.push(batch);
  return batches;
}
