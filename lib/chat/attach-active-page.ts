import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging/protocol';
import { useChat } from './chat-store';

/**
 * "Add page": the worker reads the active tab of this panel's window (the one place pages are read,
 * where the organization's rules apply) and the panel attaches it, or shows why it could not.
 * Resolves true when the page is attached.
 */
export async function attachActivePage(): Promise<boolean> {
  const { id } = await browser.windows.getCurrent();
  const result = await sendMessage('readActivePage', id!);
  useChat.getState().attach(result.ok ? result.context : undefined, result.ok ? undefined : result.message);
  return result.ok;
}
