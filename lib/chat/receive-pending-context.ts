import { browser } from 'wxt/browser';
import { useChat } from './chat-store';
import { PENDING_KEY, takePending } from './pending-context';

/**
 * The side panel takes what "Ask omni-ai" left for its window: now, if it was there before the panel
 * opened, and whenever more arrives while it is open.
 */
export async function receivePendingContext(): Promise<void> {
  const { id: windowId } = await browser.windows.getCurrent();
  if (windowId === undefined) return;
  const take = async () => {
    const entry = await takePending(windowId);
    if (!entry) return;
    if ('context' in entry) useChat.getState().attach(entry.context);
    else useChat.getState().attach(undefined, entry.error);
  };
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && PENDING_KEY in changes) void take();
  });
  await take();
}
