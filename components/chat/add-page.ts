import { browser } from 'wxt/browser';
import { useChat } from '@/lib/chat/chat-store';
import { sendMessage } from '@/lib/messaging/protocol';

/** "Add page": the active tab of this panel's window, read by the worker, attached to the next message. */
export async function addActivePage(): Promise<void> {
  const { id } = await browser.windows.getCurrent();
  const result = await sendMessage('readActivePage', id!);
  useChat.getState().attach(result.ok ? result.context : undefined, result.ok ? undefined : result.message);
}
