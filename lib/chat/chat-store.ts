import { create } from 'zustand';
import type { ChatServerMessage } from '../messaging/chat-port';
import { escapeMarkdownText, markdownLink } from '../markdown/escape-markdown';
import { sendMessage } from '../messaging/protocol';
import { frameWithContext } from '../page/frame-context';
import { PROVIDERS } from '../providers/catalog';
import type { ChatMessage } from '../providers/types';
import { getEffectiveSettings } from '../settings/use-effective-settings';
import { ChatConnection } from './chat-connection';
import {
  getMessages,
  listConversations,
  type ConversationRecord,
  type MessageRecord,
  type PageContext,
} from './conversation-db';
import { DeltaBatcher } from './delta-batcher';
import { useDraftImages } from './draft-images';
import { imageData, loadImageData } from './image-data';
import { recordToWire } from './image-wire';
import { chooseModel, offeredModels, useLiveModels } from './model-lists';
import { describeStorageProblem } from './storage-problem';

/** One message as the side panel shows it: the stored record, kept up to date while it streams. */
export type ChatEntry = Omit<MessageRecord, 'conversationId' | 'at'> & {
  /** Why this answer (and the question it answers) is not stored: what failed and what to do. */
  unsaved?: string;
};

interface ChatState {
  conversationId: string;
  entries: ChatEntry[];
  streaming: boolean;
  /** Page text waiting to go with the next message (a chip above the message box). */
  pending?: PageContext;
  /** Why the last "Add page" or "Ask omni-ai" brought no page text. */
  attachError?: string;
  conversations: ConversationRecord[];
  /**
   * Why stored conversations could not be read or deleted, shown as an alert instead of a blank
   * panel; the conversation on screen stays as it is.
   */
  storageError?: string;
  loadLatest: () => Promise<void>;
  /** Shows a stored conversation; resolves false (with storageError set) when it cannot be read. */
  open: (conversationId: string) => Promise<boolean>;
  refreshConversations: () => Promise<void>;
  deleteConversation: (conversationId: string) => Promise<void>;
  attach: (context: PageContext | undefined, error?: string) => void;
  send: (text: string) => void;
  stop: () => void;
  retry: () => void;
  newChat: () => void;
}

/** The conversation so far as the providers take it: turns with text or images, page context framed. */
export function historyOf(entries: ChatEntry[]): ChatMessage[] {
  return entries
    .filter((e) => e.content.trim() !== '' || e.context || e.images?.length)
    .map((e) => ({
      role: e.role,
      content: e.role === 'user' ? frameWithContext(e.content, e.context, e.id) : e.content,
      ...(e.images?.length ? { images: e.images.map((image) => ({ mediaType: image.mediaType, data: imageData(image.blob) })) } : {}),
    }));
}

/**
 * The conversation as Markdown, for export. The messages are Markdown already and go in as they
 * are; what a page, a provider or a model list named (a page title and URL, a model name, an error
 * message) is escaped, so it cannot change the export's structure (issue 10 §1).
 */
export function toMarkdown(title: string, entries: ChatEntry[]): string {
  const parts = [`# ${escapeMarkdownText(title)}`, ''];
  for (const e of entries) {
    const author = e.role === 'user' ? 'You' : `${PROVIDERS[e.provider!].label} · ${e.model}`;
    parts.push(`**${escapeMarkdownText(author)}**`, '');
    if (e.context) parts.push(`> Attached: ${markdownLink(e.context.title, e.context.url)}`, '');
    if (e.content) parts.push(e.content, '');
    if (e.status === 'stopped') parts.push('_(stopped)_', '');
    if (e.status === 'error' && e.error) parts.push(`_(failed: ${escapeMarkdownText(e.error.message)})_`, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

const patch = (entries: ChatEntry[], id: string, change: Partial<ChatEntry>) =>
  entries.map((e) => (e.id === id ? { ...e, ...change } : e));

const isStreaming = (entries: ChatEntry[]) => entries.some((e) => e.status === 'streaming');

export const useChat = create<ChatState>()((set, get) => {
  const batcher = new DeltaBatcher((batch) =>
    set((s) => ({ entries: s.entries.map((e) => (batch.has(e.id) ? { ...e, content: e.content + batch.get(e.id)! } : e)) })),
  );

  const finish = (id: string, change: Partial<ChatEntry>) => {
    batcher.flush();
    set((s) => {
      const entries = patch(s.entries, id, change);
      return { entries, streaming: isStreaming(entries) };
    });
  };

  const onMessage = (message: ChatServerMessage) => {
    if (!get().entries.some((e) => e.id === message.runId)) return; // another conversation's run
    switch (message.type) {
      case 'delta':
        batcher.add(message.runId, message.text);
        break;
      case 'done':
        finish(message.runId, { status: 'done', finishReason: message.reason, usage: message.usage });
        break;
      case 'error':
        finish(message.runId, { status: message.stopped ? 'stopped' : 'error', error: message.stopped ? undefined : message.error });
        break;
      case 'storage':
        set((s) => ({ entries: patch(s.entries, message.runId, { unsaved: message.problem?.message }) }));
        break;
      case 'snapshot':
        batcher.flush();
        if (message.status === 'unknown')
          finish(message.runId, {
            status: 'error',
            error: { kind: 'network', message: 'This answer was interrupted when omni-ai’s background worker stopped. Press Retry to ask again.' },
          });
        else
          finish(message.runId, {
            content: message.text,
            status: message.status === 'streaming' ? 'streaming' : message.status,
            error: message.error,
            unsaved: message.storage?.message,
          });
        break;
    }
  };

  const attachStreaming = () => {
    for (const entry of get().entries) if (entry.status === 'streaming') connection.post({ type: 'attach', runId: entry.id });
  };
  // The worker went away: pick up every answer still streaming where it is.
  const connection = new ChatConnection(onMessage, attachStreaming);

  /** Runs a read of stored conversations; a failure becomes the panel's alert, never a blank panel. */
  const reading = async <T,>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      const result = await read();
      if (get().storageError) set({ storageError: undefined });
      return result;
    } catch (error) {
      set({ storageError: describeStorageProblem(error, 'read').message });
      return undefined;
    }
  };

  const show = async (conversationId: string) => {
    // With the images' bytes read into memory: the next message sends them again.
    const stored = await reading(async () => {
      const messages = await getMessages(conversationId);
      await loadImageData(messages);
      return messages;
    });
    if (!stored) return false;
    const entries: ChatEntry[] = stored.map(({ conversationId: _c, at: _a, ...entry }) => entry);
    set({ conversationId, entries, streaming: isStreaming(entries) });
    attachStreaming();
    return true;
  };

  /** Asks for an answer to the conversation as it stands, from the provider and model selected now. */
  const ask = (entries: ChatEntry[], user: ChatEntry | undefined, replaces?: string) => {
    // As the header shows them: the organization's policy applied (a hidden provider is never asked).
    const settings = getEffectiveSettings();
    const provider = settings.provider;
    const model = chooseModel(offeredModels(provider, settings.providers, useLiveModels.getState()), settings.selectedModels[provider]);
    const runId = crypto.randomUUID();
    const answer: ChatEntry = { id: runId, role: 'assistant', content: '', provider, model, status: 'streaming' };
    set({ entries: [...entries, answer], streaming: true });
    if (!model) {
      finish(runId, { status: 'error', error: { kind: 'config', message: 'No model is selected: add models for this provider in omni-ai’s options.' } });
      return;
    }
    const { conversationId } = get();
    let messages: ChatMessage[];
    try {
      messages = historyOf(entries); // with each image's bytes, read when it was attached or loaded
    } catch (error) {
      finish(runId, { status: 'error', error: { kind: 'config', message: (error as Error).message } });
      return;
    }
    connection.post({
      type: 'send',
      runId,
      conversationId,
      user: user && recordToWire({ ...user, conversationId, at: Date.now() }, imageData),
      replaces,
      provider,
      model,
      messages,
    });
  };

  return {
    conversationId: crypto.randomUUID(),
    entries: [],
    streaming: false,
    conversations: [],
    loadLatest: async () => {
      const latest = (await reading(listConversations))?.[0];
      if (latest) await show(latest.id);
    },
    open: show,
    refreshConversations: async () => {
      const conversations = await reading(listConversations);
      if (conversations) set({ conversations });
    },
    deleteConversation: async (id) => {
      // The worker deletes: it stops the conversation's answers still streaming first, so nothing
      // of it is written back after (issue 10 §3).
      const result = await sendMessage('deleteConversation', id).catch((error: Error) => ({
        ok: false as const,
        message: `The conversation was not deleted: omni-ai’s background worker did not answer (${error.message}). Try again.`,
      }));
      if (!result.ok) {
        set({ storageError: result.message });
        return;
      }
      if (get().conversationId === id) get().newChat();
      await get().refreshConversations();
    },
    attach: (context, error) => set({ pending: context, attachError: error }),
    send: (text) => {
      const { streaming, pending, entries } = get();
      const drafted = useDraftImages.getState();
      if (streaming || drafted.preparing > 0 || (!text.trim() && !pending && drafted.images.length === 0)) return;
      const images = drafted.take();
      const user: ChatEntry = {
        id: crypto.randomUUID(),
        role: 'user',
        content: text,
        context: pending,
        status: 'done',
        ...(images.length ? { images } : {}),
      };
      set({ pending: undefined, attachError: undefined });
      ask([...entries, user], user);
    },
    stop: () => {
      for (const entry of get().entries) if (entry.status === 'streaming') connection.post({ type: 'stop', runId: entry.id });
    },
    retry: () => {
      const { entries, streaming } = get();
      const last = entries.at(-1);
      if (streaming || last?.role !== 'assistant' || last.status !== 'error') return;
      ask(entries.slice(0, -1), undefined, last.id);
    },
    newChat: () => {
      // An answer still streaming goes on in the worker and lands in its own conversation.
      set({ conversationId: crypto.randomUUID(), entries: [], streaming: false, pending: undefined });
    },
  };
});
