import { create } from 'zustand';
import type { ChatServerMessage, ChatTurn, SendTurn } from '../messaging/chat-port';
import { escapeMarkdownText, markdownLink } from '../markdown/escape-markdown';
import { sendMessage } from '../messaging/protocol';
import { PROVIDERS, type ProviderId } from '../providers/catalog';
import type { StreamError } from '../providers/types';
import { getEffectiveSettings } from '../settings/use-effective-settings';
import { ChatConnection } from './chat-connection';
import {
  getMessages,
  listConversationsPage,
  type ContextCut,
  type ConversationRecord,
  type MessageRecord,
  type PageContext,
  type SentPage,
} from './conversation-db';
import { defaultLeaf, latestLeaf, type Versions } from './conversation-tree';
import { isStreaming, treeNodes, view, viewAfter } from './chat-view';
import { answerStreams } from './answer-streams';
import { DeltaBatcher } from './delta-batcher';
import { useDraftImages } from './draft-images';
import { imageData, loadImageData } from './image-data';
import { recordToWire } from './image-wire';
import { chooseModel, liveModelsPending, offeredModels, useLiveModels } from './model-lists';
import { describeStorageProblem } from './storage-problem';
import { firstLeftOut } from './context-budget';
import { estimateTurnTokens } from './estimate-tokens';
import { contextSizeFor } from '../settings/context-size';
import { READ_BY_ID } from './read-path';
import { sendsTurn, turnOf } from './turn-of';
import { t, type MessageKey } from '../i18n/t';
import { plural } from '../i18n/plural';

/** One message as the side panel shows it: the stored record, kept up to date while it streams. */
export type ChatEntry = Omit<MessageRecord, 'conversationId' | 'at'> & {
  /** Order of writing; absent only in entries made by hand (tests), read as 0. */
  at?: number;
  /** Why this answer (and the question it answers) is not stored: what failed and what to do. */
  unsaved?: string;
};

/** A model to answer with, other than the one selected in the header ("Regenerate with…"). */
export interface ModelChoice {
  provider: ProviderId;
  model: string;
}

interface ChatState {
  conversationId: string;
  /** Every message of the conversation, every version of it (conversation-tree.ts). */
  messages: ChatEntry[];
  /** The last message of the path shown. */
  leafId?: string;
  /** The path shown, first question to leaf: what the log lists and what a provider is sent. */
  entries: ChatEntry[];
  /** For each message shown that has other versions: which they are, and where it sits. */
  versions: Record<string, Versions>;
  streaming: boolean;
  /** Page text waiting to go with the next message (a chip above the message box). */
  pending?: PageContext;
  /**
   * Why the last "Add page" or "Ask omni-ai" brought no page text, or why the last question was
   * given back unsent (the site rules refused its page text).
   */
  attachError?: string;
  /** A question the worker refused to send, given back to the message box (the page stays attached). */
  returned?: { text: string };
  /** The history list's rows read so far, newest first: a page at a time (HISTORY_PAGE). */
  conversations: ConversationRecord[];
  /** Whether the last page read was full, so older conversations may follow. */
  moreConversations: boolean;
  /**
   * Why stored conversations could not be read or deleted, shown as an alert instead of a blank
   * panel; the conversation on screen stays as it is.
   */
  storageError?: string;
  loadLatest: () => Promise<void>;
  /** Shows a stored conversation; resolves false (with storageError set) when it cannot be read. */
  open: (conversationId: string) => Promise<boolean>;
  /** Reads the history list's first page again. */
  refreshConversations: () => Promise<void>;
  /** Reads the next page after the rows shown; a call while one is reading waits for that one. */
  loadMoreConversations: () => Promise<void>;
  /** Resolves true once the worker deleted it (and its row left the list). */
  deleteConversation: (conversationId: string) => Promise<boolean>;
  attach: (context: PageContext | undefined, error?: string) => void;
  dismissAttachError: () => void;
  send: (text: string) => void;
  stop: () => void;
  retry: () => void;
  /** Asks the question of this answer again, as a new version of it; by another model if chosen. */
  regenerate: (answerId: string, choice?: ModelChoice) => void;
  /** Sends an edited question as a new version of it; the earlier one and its answers stay reachable. */
  edit: (questionId: string, text: string) => void;
  /** Shows the previous (-1) or next (+1) version of a message, and the branch last written below it. */
  showVersion: (id: string, step: -1 | 1) => void;
  newChat: () => void;
  /** The user is writing: a stopped worker is started now, so that Send does not wait for it. */
  wakeWorker: () => void;
}

/**
 * The conversation so far as the worker takes it: turns with text or images (their bytes read when
 * they were attached or loaded), page text unframed with where it came from, and what earlier
 * answers already sent, so the worker checks and frames it (issue 16).
 */
export function historyOf(entries: ChatEntry[]): ChatTurn[] {
  return entries.filter(sendsTurn).map((entry) => turnOf(entry, imageData));
}

/**
 * The same, with the turns the worker can read back from storage (`stored`) named by id only: the
 * 1.5 MB of a 1,000-message conversation no longer crosses the port with every question (issue 13
 * target 2). The rest (the new question, a turn whose write failed) goes in full. Each reference
 * carries its turn's estimated tokens, counted once per entry (estimate-tokens.ts memoises it), so
 * the worker fits the request before reading anything back.
 *
 * Given the model's context size, only the newest turns the worker's budget could keep go, from the
 * first it will leave out (context-budget.ts firstLeftOut, the worker's own rule on the same
 * estimates); `older` says how many went unnamed before them. The worker checks that its fit stops
 * within what it got, and otherwise asks for every turn (`history-needed`), so a panel that counts
 * wrong costs a round trip, never a turn the model could have had. The 1,003 references of a
 * 1,000-message conversation (84 KB to serialise and post at every question, most of the panel's
 * part of the first token) become the ~70 the budget keeps.
 */
export function sendTurnsOf(entries: ChatEntry[], stored: ReadonlySet<string>, contextTokens = Infinity): { messages: SendTurn[]; older: number } {
  const sendable = entries.filter(sendsTurn);
  const older = Number.isFinite(contextTokens) ? (firstLeftOut(sendable, estimateTurnTokens, contextTokens) ?? 0) : 0;
  const messages = sendable
    .slice(older)
    .map((entry) =>
      stored.has(entry.id)
        ? { ref: entry.id, chars: entry.content.length, images: entry.images?.length ?? 0, role: entry.role, tokens: estimateTurnTokens(entry) }
        : turnOf(entry, imageData),
    );
  return { messages, older };
}

/** “Sent: page from https://intranet.example.com to Azure OpenAI”: one line of the record of what left. */
const SENT_LINE = { page: 'sent_page', selection: 'sent_selection', link: 'sent_link', screenshot: 'sent_screenshot' } as const satisfies Record<SentPage['kind'], MessageKey>;

export function sentLine(sent: SentPage): string {
  let origin = sent.url;
  try {
    origin = new URL(sent.url).origin;
  } catch {
    // Kept as recorded.
  }
  return t(SENT_LINE[sent.kind], origin, PROVIDERS[sent.provider].label);
}

/** How much of the page left: “1,234 characters”, or “a screenshot”. */
export const sentAmount = (sent: SentPage) => (sent.kind === 'screenshot' ? t('sent_amount_screenshot') : t('sent_amount_chars', sent.chars));

/** The "Sent" line's tooltip: the page's address, how much of it left, and where it went. */
export function sentTooltip(sent: SentPage): string {
  if (sent.kind === 'screenshot') return sent.endpoint ? t('sent_tooltip_screenshot_endpoint', sent.url, sent.endpoint) : t('sent_tooltip_screenshot', sent.url);
  return sent.endpoint ? t('sent_tooltip_endpoint', sent.url, sent.chars, sent.endpoint) : t('sent_tooltip', sent.url, sent.chars);
}

/** “The model saw the newest 120 of 1,000 messages: …”: on an answer whose request left older turns out (context-budget.ts). */
export const contextCutNote = (cut: ContextCut) => plural('answer_context_cut', cut.kept, cut.total);

/**
 * The conversation as Markdown, for export. The messages are Markdown already and go in as they
 * are; what a page, a provider or a model list named (a page title and URL, a model name, an error
 * message) is escaped, so it cannot change the export's structure (issue 10 §1).
 */
export function toMarkdown(title: string, entries: ChatEntry[]): string {
  const parts = [`# ${escapeMarkdownText(title)}`, ''];
  for (const e of entries) {
    const author = e.role === 'user' ? t('answer_you') : `${PROVIDERS[e.provider!].label} · ${e.model}`;
    parts.push(`**${escapeMarkdownText(author)}**`, '');
    if (e.context) parts.push(`> ${t('export_attached', markdownLink(e.context.title, e.context.url))}`, '');
    // The record of what left (issue 16 §3), escaped like everything a page or a provider named.
    for (const sent of e.sent ?? []) {
      const endpoint = sent.endpoint ? t('export_received_at', sent.endpoint) : '';
      parts.push(`> ${escapeMarkdownText(`${sentLine(sent)}: ${sent.url}, ${sentAmount(sent)}${endpoint}`)}`, '');
    }
    if (e.contextCut) parts.push(`_${contextCutNote(e.contextCut)}_`, '');
    if (e.content) parts.push(e.content, '');
    if (e.status === 'stopped') parts.push(`_${t('export_stopped')}_`, '');
    if (e.status === 'error' && e.error) parts.push(`_${t('export_failed', escapeMarkdownText(e.error.message))}_`, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

const patch = (entries: ChatEntry[], id: string, change: Partial<ChatEntry>) =>
  entries.map((e) => (e.id === id ? { ...e, ...change } : e));

/**
 * Rows of the history list read at a time: more than a tall panel shows, so the first page fills it
 * and the next is read as the list is scrolled to its end (issue 13: a year is 10,000 conversations).
 */
export const HISTORY_PAGE = 50;

export const useChat = create<ChatState>()((set, get) => {
  let loadingMore: Promise<void> | undefined;
  // Deltas change text, never the tree: they patch both lists in place of a new view.
  // Each answer is grown once, and the same string goes in both lists: the Markdown
  // reads what is new from answerStreams, which knows the text by identity (answer-streams.ts).
  const batcher = new DeltaBatcher((batch) =>
    set((s) => {
      const grown = new Map<string, string>();
      const grow = (e: ChatEntry) => {
        const added = batch.get(e.id);
        if (added === undefined) return e;
        let content = grown.get(e.id);
        if (content === undefined) {
          grown.set(e.id, (content = e.content + added));
          answerStreams.grew(e.id, e.content, content, added);
        }
        return { ...e, content };
      };
      return { messages: s.messages.map(grow), entries: s.entries.map(grow) };
    }),
  );

  /** A change to one message, in the whole conversation and in the path shown. */
  const update = (id: string, change: Partial<ChatEntry>) => set((s) => ({ messages: patch(s.messages, id, change), entries: patch(s.entries, id, change) }));

  const finish = (id: string, change: Partial<ChatEntry>) => {
    batcher.flush();
    answerStreams.end(id);
    set((s) => {
      const messages = patch(s.messages, id, change);
      return { messages, entries: patch(s.entries, id, change), streaming: isStreaming(messages) };
    });
  };

  /** The conversation as it was before each question still waiting for the worker, to give it back if refused. */
  const before = new Map<string, { messages: ChatEntry[]; leafId?: string; user?: ChatEntry }>();

  /**
   * The worker refused the question's page text or screenshot: nothing was sent or stored. The conversation goes
   * back to what it was and the question to the message box, its page and images still attached, with the
   * reason; even if the user has opened another conversation meanwhile, the question is not lost.
   */
  const giveBack = (runId: string, reason: string) => {
    const waiting = before.get(runId);
    batcher.flush();
    const shown = get().messages.some((e) => e.id === runId);
    const restored = shown
      ? waiting
        ? view(waiting.messages, waiting.leafId)
        : view(
            get().messages.filter((e) => e.id !== runId),
            get().entries.at(-2)?.id,
          )
      : {};
    set({
      ...restored,
      attachError: reason,
      ...(waiting?.user && { pending: waiting.user.context, returned: { text: waiting.user.content } }),
    });
    // Its images (a screenshot the site rules refused for this provider) go back to the draft too.
    if (waiting?.user?.images?.length) useDraftImages.getState().restore(waiting.user.images);
  };

  /**
   * Ids of the messages the worker can read back from IndexedDB, which a send names by reference
   * (sendTurnsOf): those loaded from storage, and those of runs the worker recorded with no storage
   * problem reported. The worker checks each against what the panel holds and asks for the full
   * turns if one is missing or different (`history-needed`), so a wrong guess here costs a round
   * trip, never a shorter history.
   */
  const stored = new Set<string>();
  /** The question each run of this panel stored with its answer. */
  const runUser = new Map<string, string>();
  const markStored = (runId: string, yes: boolean) => {
    for (const id of [runId, runUser.get(runId)]) {
      if (!id) continue;
      if (yes) stored.add(id);
      else stored.delete(id);
    }
  };
  const unsaved = (runId: string) => get().messages.find((e) => e.id === runId)?.unsaved !== undefined;
  /** Sends a question again with every turn in full, for the worker that could not read some back. */
  const inFull = new Map<string, () => void>();

  const onMessage = (message: ChatServerMessage) => {
    if (message.type === 'history-needed') {
      const resend = inFull.get(message.runId);
      inFull.delete(message.runId);
      resend?.();
      return;
    }
    if (message.type === 'refused') giveBack(message.runId, message.message);
    // Any answer from the worker means it has taken or refused the question: nothing to give back later.
    before.delete(message.runId);
    inFull.delete(message.runId);
    if (!get().messages.some((e) => e.id === message.runId)) return; // another conversation's run
    switch (message.type) {
      case 'sent':
        update(message.runId, { sent: message.sent });
        break;
      case 'context-cut':
        update(message.runId, { contextCut: message.cut });
        break;
      case 'delta':
        batcher.add(message.runId, message.text);
        break;
      case 'done':
        finish(message.runId, { status: 'done', finishReason: message.reason, usage: message.usage });
        markStored(message.runId, !unsaved(message.runId));
        break;
      case 'error':
        finish(message.runId, { status: message.stopped ? 'stopped' : 'error', error: message.stopped ? undefined : message.error });
        markStored(message.runId, !unsaved(message.runId));
        break;
      case 'storage': {
        update(message.runId, { unsaved: message.problem?.message });
        const entry = get().messages.find((e) => e.id === message.runId);
        markStored(message.runId, !message.problem && entry?.status !== 'streaming');
        break;
      }
      case 'snapshot':
        batcher.flush();
        if (message.status === 'unknown')
          finish(message.runId, {
            status: 'error',
            error: { kind: 'network', message: t('answer_interrupted') },
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
    for (const entry of get().messages) if (entry.status === 'streaming') connection.post({ type: 'attach', runId: entry.id });
  };
  // The worker went away: pick up every answer still streaming where it is. The port names the
  // provider chosen now, whose SDK a stopped worker then imports as it connects.
  const connection = new ChatConnection(onMessage, attachStreaming, () => getEffectiveSettings().provider);

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
    const records = await reading(async () => {
      const messages = await getMessages(conversationId);
      await loadImageData(messages);
      return messages;
    });
    if (!records) return false;
    const messages: ChatEntry[] = records.map(({ conversationId: _c, ...entry }) => entry);
    for (const message of messages) stored.add(message.id);
    set({ conversationId, ...view(messages, defaultLeaf(treeNodes(messages))) });
    if (messages.length > READ_BY_ID) {
      // Long enough that the worker would read it whole at the first question: it reads it now.
      connection.post({ type: 'warm', conversationId });
      // And each reference's estimate (sendTurnsOf) is counted now, once the panel is idle, not at
      // the first Send: about 5 to 14 ms for 1,000 messages (bench/probes/fit-before-read.probe.ts).
      const idle = globalThis.requestIdleCallback ?? ((work: () => void) => setTimeout(work));
      idle(() => messages.forEach(estimateTurnTokens));
    }
    attachStreaming();
    return true;
  };

  /** Answers whose question waits for the provider's live model list before it is sent (model-lists.ts). */
  const awaitingModel = new Set<string>();

  /**
   * Asks for an answer to `path` (the question last), from the provider and model selected now or
   * the one chosen. `user` is a new question to store with it; `replaces`, a failed answer it takes
   * the place of (Retry). The answer becomes the leaf shown.
   */
  const ask = (path: ChatEntry[], user: ChatEntry | undefined, replaces?: string, choice?: ModelChoice) => {
    // As the header shows them: the organization's policy applied (a hidden provider is never asked).
    const settings = getEffectiveSettings();
    const provider = choice?.provider ?? settings.provider;
    const pickModel = () =>
      choice?.model ?? chooseModel(offeredModels(provider, settings.providers, useLiveModels.getState()), settings.selectedModels[provider]);
    const question = path.at(-1);
    const runId = crypto.randomUUID();
    const answer: ChatEntry = {
      id: runId,
      role: 'assistant',
      content: '',
      provider,
      model: pickModel(),
      status: 'streaming',
      parentId: question?.id ?? null,
      at: Date.now(),
    };
    const previous = { messages: get().messages, leafId: get().leafId };
    const kept = get().messages.filter((m) => m.id !== replaces);
    const { conversationId } = get();
    // A Send only extends the path shown: its view reuses the one before (chat-view.ts viewAfter)
    // rather than walking the 1,000 messages of a long conversation again on the first token's path.
    const show = () => set((s) => viewAfter(s, [...kept, ...(user ? [user] : []), answer], runId));
    /** The answer says why its question could not be sent. */
    const failed = (error: StreamError | undefined) => {
      if (error) finish(runId, { status: 'error', error });
    };

    /** Posts the question to the worker; answers why it could not. */
    const post = (): StreamError | undefined => {
      const model = pickModel();
      if (model !== answer.model) {
        update(runId, { model });
      }
      if (!model) return { kind: 'config', message: t('no_model_selected') };
      const send = (messages: () => { messages: SendTurn[]; older?: number }): StreamError | undefined => {
        let turns: { messages: SendTurn[]; older?: number };
        try {
          turns = messages(); // with each image's bytes, read when it was attached or loaded
        } catch (error) {
          return { kind: 'config', message: (error as Error).message };
        }
        connection.post({
          type: 'send',
          runId,
          conversationId,
          user: user && recordToWire({ ...user, conversationId, at: user.at ?? Date.now() }, imageData),
          replaces,
          parentId: answer.parentId ?? undefined,
          provider,
          model,
          messages: turns.messages,
          ...(turns.older ? { older: turns.older } : {}),
        });
        return undefined;
      };
      before.set(runId, { ...previous, user });
      if (user) runUser.set(runId, user.id);
      // The full turns only if the worker asks for them: kept as a function, nothing is copied meanwhile.
      inFull.set(runId, () => failed(send(() => ({ messages: historyOf(path) }))));
      // Fitted here with the context size the worker will use (the same settings, policy applied): the worker checks it.
      return send(() => sendTurnsOf(path, stored, contextSizeFor(settings.providers, provider, model)));
    };
    const listing = choice ? undefined : liveModelsPending(provider, settings.providers);
    if (!listing) {
      // Posted before the panel's new state is derived (and before React renders it: the windowed
      // log's commit of the new rows), so the worker starts on it meanwhile (issue 13 target 2);
      // the question and the answer are shown in the same task, before any reply can arrive.
      const error = post();
      show();
      return failed(error);
    }
    show();
    awaitingModel.add(runId);
    void listing.then(() => {
      // Stopped while it waited: nothing was sent, nothing to stop in the worker.
      if (awaitingModel.delete(runId)) failed(post());
    });
  };

  /** The question a shown answer answers, with the path to it; undefined when it is not shown or something streams. */
  const questionOf = (answerId: string) => {
    const { entries, streaming } = get();
    const i = entries.findIndex((e) => e.id === answerId);
    if (streaming || i < 1 || entries[i]!.role !== 'assistant') return undefined;
    return entries.slice(0, i);
  };

  return {
    conversationId: crypto.randomUUID(),
    messages: [],
    entries: [],
    versions: {},
    streaming: false,
    conversations: [],
    moreConversations: false,
    loadLatest: async () => {
      const latest = (await reading(() => listConversationsPage(1)))?.[0];
      if (latest) await show(latest.id);
    },
    open: show,
    refreshConversations: async () => {
      const page = await reading(() => listConversationsPage(HISTORY_PAGE));
      if (page) set({ conversations: page, moreConversations: page.length === HISTORY_PAGE });
    },
    loadMoreConversations: () => {
      loadingMore ??= (async () => {
        const shown = get().conversations;
        const last = shown.at(-1);
        if (!last || !get().moreConversations) return;
        const page = await reading(() => listConversationsPage(HISTORY_PAGE, last));
        // A refresh (or a delete) since the read began keeps its own rows: this page followed others.
        if (page && get().conversations === shown) set({ conversations: [...shown, ...page], moreConversations: page.length === HISTORY_PAGE });
      })().finally(() => (loadingMore = undefined));
      return loadingMore;
    },
    deleteConversation: async (id) => {
      // The worker deletes: it stops the conversation's answers still streaming first, so nothing
      // of it is written back after (issue 10 §3).
      const result = await sendMessage('deleteConversation', id).catch((error: Error) => ({
        ok: false as const,
        message: t('delete_no_answer', error.message),
      }));
      if (!result.ok) {
        set({ storageError: result.message });
        return false;
      }
      if (get().conversationId === id) get().newChat();
      // Only its row goes: the pages read stay, so the list does not jump back to the top.
      set({ conversations: get().conversations.filter((c) => c.id !== id) });
      return true;
    },
    // A read that brought nothing (refused, failed) says why and keeps what was attached: nothing is lost.
    attach: (context, error) => set(context || !error ? { pending: context, attachError: error } : { attachError: error }),
    dismissAttachError: () => set({ attachError: undefined }),
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
        parentId: entries.at(-1)?.id ?? null,
        at: Date.now(),
        ...(images.length ? { images } : {}),
      };
      set({ pending: undefined, attachError: undefined });
      ask([...entries, user], user);
    },
    stop: () => {
      for (const entry of get().entries) {
        if (entry.status !== 'streaming') continue;
        if (awaitingModel.delete(entry.id)) finish(entry.id, { status: 'stopped' });
        else connection.post({ type: 'stop', runId: entry.id });
      }
    },
    retry: () => {
      const { entries, streaming } = get();
      const last = entries.at(-1);
      if (streaming || last?.role !== 'assistant' || last.status !== 'error') return;
      ask(entries.slice(0, -1), undefined, last.id);
    },
    regenerate: (answerId, choice) => {
      const path = questionOf(answerId);
      if (path) ask(path, undefined, undefined, choice);
    },
    edit: (questionId, text) => {
      const { entries, streaming } = get();
      const i = entries.findIndex((e) => e.id === questionId);
      const original = entries[i];
      if (streaming || !original || original.role !== 'user' || (!text.trim() && !original.context && !original.images?.length)) return;
      // A sibling of the original: same parent, same attached page; the original keeps its answers.
      const user: ChatEntry = { ...original, id: crypto.randomUUID(), content: text, at: Date.now(), unsaved: undefined };
      user.parentId = entries[i - 1]?.id ?? null;
      ask([...entries.slice(0, i), user], user);
    },
    showVersion: (id, step) => {
      const { messages, versions } = get();
      const where = versions[id];
      const target = where?.ids[where.index + step];
      if (!target) return;
      set(view(messages, latestLeaf(treeNodes(messages), target)));
    },
    wakeWorker: () => connection.wake(),
    newChat: () => {
      // An answer still streaming goes on in the worker and lands in its own conversation.
      set({ conversationId: crypto.randomUUID(), ...view([], undefined), pending: undefined });
    },
  };
});
