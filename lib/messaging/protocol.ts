import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProviderId } from '../providers/catalog';
import type { ReadPageResult } from '../background/read-page';
import type { ScreenshotResult } from '../background/capture-screenshot';
import type { ModelList } from '../providers/list-models';
import type { SignInResult } from '../auth/sign-in/sign-in-service';
import type { ArchivedConversation, ImportCounts } from '../chat/conversation-db';

/** The answer to "Test connection": what worked, or exactly what failed. Never a token. */
export interface ConnectionResult {
  ok: boolean;
  message: string;
}

/** The answer to deleting a conversation: done, or what failed and what to do. */
export type DeleteResult = { ok: true } | { ok: false; message: string };

/** The answer to importing a batch of conversations: what was added, or what failed and what to do. */
export type ImportResult = { ok: true; counts: ImportCounts } | { ok: false; message: string };

/** Every one-off message between the extension's pages and its service worker, typed once. */
export interface ProtocolMap {
  testConnection(provider: ProviderId): ConnectionResult;
  listModels(provider: ProviderId): ModelList;
  /** "Add page": the active tab of the panel's window, as page context cut to the budget. */
  readActivePage(windowId: number): ReadPageResult;
  /** "Add screenshot": the visible part of the active tab of the panel's window, as a PNG data URL. */
  captureScreenshot(windowId: number): ScreenshotResult;
  /** Deletes a conversation: the worker stops its runs first, so nothing is written back after. */
  deleteConversation(conversationId: string): DeleteResult;
  /** Stores a batch of conversations from an exported file, skipping what is here already. */
  importConversations(batch: ArchivedConversation[]): ImportResult;
  /** "Sign in" / "Sign in again": the worker opens the provider's sign-in window and keeps the tokens. */
  signIn(provider: ProviderId): SignInResult;
  /** "Sign out": the worker revokes the refresh token and forgets every token. */
  signOut(provider: ProviderId): SignInResult;
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();

/**
 * Privileged handlers answer only the extension's own pages: a content script runs inside a web
 * page and must not be able to make the worker spend a token (bitwarden's senderIsInternal).
 */
export function isFromExtensionPage(sender: { id?: string; url?: string } | undefined): boolean {
  if (!sender) return false;
  return sender.id === chrome.runtime.id && !!sender.url?.startsWith(chrome.runtime.getURL(''));
}
