import { browser } from 'wxt/browser';
import { usePolicy } from '../settings/policy/policy-store';
import { useSettingsHydrated } from '../settings/store';
import { useChat } from './chat-store';
import { pendingKey, takePending, type PendingEntry } from './pending-context';

/** Resolves once `ready()` is true: checked now, then on each change of the store it reads. */
function when(subscribe: (listener: () => void) => () => void, ready: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (ready()) return resolve();
    const stop = subscribe(() => {
      if (!ready()) return;
      stop();
      resolve();
    });
  });
}

/** Hands one entry to the chat: attached, and sent at once when it was a quick action. */
function deliver(entry: PendingEntry): void {
  const chat = useChat.getState();
  if ('error' in entry) return chat.attach(undefined, entry.error);
  if (entry.request === undefined) return chat.attach(entry.context); // "Ask…": the user types
  // A quick action is a question of its own: it starts a conversation unless this one is empty (an
  // answer still streaming goes on in the worker, in its own conversation).
  if (chat.entries.length > 0) chat.newChat();
  useChat.getState().attach(entry.context);
  useChat.getState().send(entry.request);
}

/**
 * The side panel takes what "Ask omni-ai" left for its window: now, if it was there before the panel
 * opened, and whenever more arrives while it is open. Nothing is taken before the panel knows the
 * provider and model to send with (settings and policy read) and has shown the latest conversation
 * (`loaded`), which would otherwise replace a quick action's question on screen. Events, no delays.
 */
export async function receivePendingContext(loaded: Promise<void>): Promise<void> {
  const { id: windowId } = await browser.windows.getCurrent();
  if (windowId === undefined) return;
  const ready = Promise.all([
    loaded,
    when(useSettingsHydrated.subscribe, () => useSettingsHydrated.getState()),
    when(usePolicy.subscribe, () => usePolicy.getState().loaded),
  ]);
  const take = async () => {
    await ready;
    const entry = await takePending(windowId);
    if (entry) deliver(entry);
  };
  const key = pendingKey(windowId);
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && changes[key]?.newValue !== undefined) void take();
  });
  await take();
}
