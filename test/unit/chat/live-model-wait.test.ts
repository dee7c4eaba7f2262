import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatClientMessage } from '@/lib/messaging/chat-port';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { useSettings } from '@/lib/settings/store';

// The port to the worker, replaced: what the panel posts is recorded.
const posted: ChatClientMessage[] = [];
vi.mock('@/lib/chat/chat-connection', () => ({
  ChatConnection: class {
    post(message: ChatClientMessage) {
      posted.push(message);
    }
  },
}));

// The worker's answer to listModels, held until the test lets it through.
let answerList: (list: { models: { id: string; name: string }[]; live: boolean }) => void = () => undefined;
vi.mock('@/lib/messaging/protocol', () => ({
  sendMessage: (type: string) =>
    type === 'listModels' ? new Promise((resolve) => (answerList = resolve)) : Promise.reject(new Error(`unexpected ${type}`)),
}));

const { useChat } = await import('@/lib/chat/chat-store');
const { fetchLiveModels, LIVE_LIST_WAIT_MS, useLiveModels } = await import('@/lib/chat/model-lists');
/** A live list as the worker gives it: each ID with its name. */
const named = (ids: string[]) => ids.map((id) => ({ id, name: id }));
const sends = () => posted.filter((m): m is Extract<ChatClientMessage, { type: 'send' }> => m.type === 'send');

/** Settings as stored: an OpenAI key (so its models are listed live) and a model picked from that live list. */
function pickedFromLiveList(model: string, apiKey: string) {
  const settings = defaultSettings();
  settings.provider = 'openai';
  settings.providers.openai = { ...settings.providers.openai, apiKey };
  settings.selectedModels = { openai: model };
  useSettings.setState(settings);
}

describe('a question asked while the live model list is on its way (a quick action as the panel opens)', () => {
  beforeEach(() => {
    posted.length = 0;
    useLiveModels.setState({}, true);
    useChat.getState().newChat();
  });

  it('waits for the list, then goes to the model the user picked from it, not the curated first', async () => {
    pickedFromLiveList('gpt-live-only', 'sk-first');
    void fetchLiveModels('openai', useSettings.getState().providers); // the header, as the panel opens
    useChat.getState().send('Summarize the selection.');
    expect(sends()).toHaveLength(0);
    answerList({ models: named(['gpt-5.5', 'gpt-live-only']), live: true });
    await vi.waitFor(() => expect(sends()).toHaveLength(1));
    expect(sends()[0]).toMatchObject({ provider: 'openai', model: 'gpt-live-only' });
    expect(useChat.getState().entries[1]).toMatchObject({ model: 'gpt-live-only', status: 'streaming' });
  });

  it('goes after a few seconds to the model the panel offers when the list does not come', async () => {
    vi.useFakeTimers();
    try {
      pickedFromLiveList('gpt-5.5', 'sk-slow'); // a curated model, picked; the list is never answered
      useChat.getState().send('Explain the selection.');
      await vi.advanceTimersByTimeAsync(LIVE_LIST_WAIT_MS - 100);
      expect(sends()).toHaveLength(0);
      await vi.advanceTimersByTimeAsync(200);
      expect(sends()).toHaveLength(1);
      expect(sends()[0]).toMatchObject({ provider: 'openai', model: 'gpt-5.5' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('is not sent at all when stopped before the list arrives', async () => {
    pickedFromLiveList('gpt-other-live', 'sk-second'); // another key: its list is asked for anew
    useChat.getState().send('Translate the selection.'); // no header yet: the question starts the request itself
    useChat.getState().stop();
    expect(useChat.getState().entries[1]).toMatchObject({ status: 'stopped' });
    answerList({ models: named(['gpt-other-live']), live: true });
    await vi.waitFor(() => expect(useLiveModels.getState().openai).toEqual(named(['gpt-other-live'])));
    await Promise.resolve();
    expect(posted).toEqual([]);
  });
});
