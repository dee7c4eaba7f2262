import { create } from 'zustand';
import type { ChatServerMessage } from '../messaging/chat-port';
import type { ProviderId } from '../providers/catalog';
import { chooseModel, offeredModels, useLiveModels } from './model-lists';
import type { ChatMessage, FinishReason, StreamError, Usage } from '../providers/types';
import { useSettings } from '../settings/store';
import { ChatConnection } from './chat-connection';
import { DeltaBatcher } from './delta-batcher';

export interface ChatEntry {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  /** Who wrote an answer: shown under it, and kept even if the user switches provider later. */
  provider?: ProviderId;
  model?: string;
  status: 'streaming' | 'done' | 'stopped' | 'error';
  error?: StreamError;
  finishReason?: FinishReason;
  usage?: Usage;
}

interface ChatState {
  entries: ChatEntry[];
  streaming: boolean;
  send: (text: string) => void;
  stop: () => void;
  retry: () => void;
  newChat: () => void;
}

/** The conversation so far as the providers take it: finished turns with text, in order. */
export function historyOf(entries: ChatEntry[]): ChatMessage[] {
  return entries.filter((e) => e.content.trim() !== '').map((e) => ({ role: e.role, content: e.content }));
}

const patch = (entries: ChatEntry[], id: string, change: (e: ChatEntry) => Partial<ChatEntry>) =>
  entries.map((e) => (e.id === id ? { ...e, ...change(e) } : e));

export const useChat = create<ChatState>()((set, get) => {
  const batcher = new DeltaBatcher((batch) =>
    set((s) => ({ entries: s.entries.map((e) => (batch.has(e.id) ? { ...e, content: e.content + batch.get(e.id)! } : e)) })),
  );

  const finish = (id: string, change: Partial<ChatEntry>) => {
    batcher.flush();
    set((s) => {
      const entries = patch(s.entries, id, () => change);
      return { entries, streaming: entries.some((e) => e.status === 'streaming') };
    });
  };

  const onMessage = (message: ChatServerMessage) => {
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
      case 'snapshot':
        batcher.flush();
        if (message.status === 'unknown')
          finish(message.runId, {
            status: 'error',
            error: { kind: 'network', message: 'The answer was interrupted when omni-ai’s background worker restarted. Press Retry to ask again.' },
          });
        else
          set((s) => ({
            entries: patch(s.entries, message.runId, (e) => ({
              // The worker's text is the whole answer so far; ours may lag behind it.
              content: message.text.length >= e.content.length ? message.text : e.content,
              status: message.status === 'streaming' ? 'streaming' : message.status === 'done' ? 'done' : message.status === 'stopped' ? 'stopped' : 'error',
              error: message.error,
            })),
          }));
        break;
    }
  };

  const connection = new ChatConnection(onMessage, () => {
    // The worker went away: pick up every answer still streaming where it is.
    for (const entry of get().entries) if (entry.status === 'streaming') connection.post({ type: 'attach', runId: entry.id });
  });

  /** Asks for an answer to the conversation as it stands, from the provider and model selected now. */
  const ask = (entries: ChatEntry[]) => {
    const settings = useSettings.getState();
    const provider = settings.provider;
    const model = chooseModel(offeredModels(provider, settings.providers, useLiveModels.getState()), settings.selectedModels[provider]);
    const runId = crypto.randomUUID();
    const answer: ChatEntry = { id: runId, role: 'assistant', content: '', provider, model, status: 'streaming' };
    set({ entries: [...entries, answer], streaming: true });
    if (!model) {
      finish(runId, { status: 'error', error: { kind: 'config', message: 'No model is selected: add models for this provider in omni-ai’s options.' } });
      return;
    }
    connection.post({ type: 'send', runId, provider, model, messages: historyOf(entries) });
  };

  return {
    entries: [],
    streaming: false,
    send: (text) => {
      if (get().streaming || !text.trim()) return;
      ask([...get().entries, { id: crypto.randomUUID(), role: 'user', content: text, status: 'done' }]);
    },
    stop: () => {
      for (const entry of get().entries) if (entry.status === 'streaming') connection.post({ type: 'stop', runId: entry.id });
    },
    retry: () => {
      const entries = get().entries;
      const last = entries.at(-1);
      if (get().streaming || last?.role !== 'assistant' || last.status !== 'error') return;
      ask(entries.slice(0, -1));
    },
    newChat: () => {
      get().stop();
      set({ entries: [], streaming: false });
    },
  };
});
