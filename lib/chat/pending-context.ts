import { browser } from 'wxt/browser';
import type { PageContext } from './conversation-db';

/** Context from "Ask omni-ai" waiting for the side panel of its window, or why there is none. */
export type PendingEntry = { context: PageContext } | { error: string };

export const PENDING_KEY = 'omni-ai:pending-context';

type Pending = Record<string, PendingEntry>;

/**
 * Context waits in storage.session until the panel takes it, so it does not matter whether the
 * panel was already open, or how long it takes to load: no fixed delays.
 */
export async function putPending(windowId: number, entry: PendingEntry): Promise<void> {
  const all = ((await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as Pending | undefined) ?? {};
  await browser.storage.session.set({ [PENDING_KEY]: { ...all, [windowId]: entry } });
}

/** Takes (and removes) what waits for this window. */
export async function takePending(windowId: number): Promise<PendingEntry | undefined> {
  const all = ((await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as Pending | undefined) ?? {};
  const entry = all[windowId];
  if (!entry) return undefined;
  delete all[windowId];
  await browser.storage.session.set({ [PENDING_KEY]: all });
  return entry;
}
