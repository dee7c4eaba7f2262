import { browser } from 'wxt/browser';
import type { PageContext } from './conversation-db';

/**
 * What "Ask omni-ai" leaves for the side panel of its window: the context, with the request to send
 * at once when it was a quick action (absent for "Ask…", where the user types), or why there is none.
 */
export type PendingEntry = { context: PageContext; request?: string } | { error: string };

/** One key per window: the worker writes it whole, never read-modify-write across windows. */
export const pendingKey = (windowId: number) => `omni-ai:pending-context:${windowId}`;

/**
 * Context waits in storage.session until the panel takes it, so it does not matter whether the
 * panel was already open, or how long it takes to load: no fixed delays. A newer click replaces
 * what an older one left.
 */
export async function putPending(windowId: number, entry: PendingEntry): Promise<void> {
  await browser.storage.session.set({ [pendingKey(windowId)]: entry });
}

let taking: Promise<unknown> = Promise.resolve();

/**
 * Takes (and removes) what waits for this window. One take at a time: the panel takes on load and
 * on every change, and an entry with a request must be sent once, never twice.
 */
export function takePending(windowId: number): Promise<PendingEntry | undefined> {
  const key = pendingKey(windowId);
  const take = taking.then(async () => {
    const entry = (await browser.storage.session.get(key))[key] as PendingEntry | undefined;
    if (entry) await browser.storage.session.remove(key);
    return entry;
  });
  taking = take.catch(() => undefined);
  return take;
}
