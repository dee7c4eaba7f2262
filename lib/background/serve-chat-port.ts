import type { Runtime } from 'webextension-polyfill';
import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { MessageRecord } from '../chat/conversation-db';
import { recordRun } from '../chat/record-run';
import type { RunManager } from '../chat/run-manager';
import { CHAT_PORT, type ChatClientMessage, type ChatServerMessage } from '../messaging/chat-port';
import { coalesceDeltas } from '../messaging/coalesce-deltas';
import { isFromExtensionPage } from '../messaging/protocol';
import { modelForRun } from './model-for-run';

/** Handles one side panel's chat port: sends start runs, stops abort them, attaches resume them. */
export function serveChatPort(port: Runtime.Port, runs: RunManager, gateway: OAuth2Gateway): void {
  // Only the extension's own pages may open the chat port: never a content script in a web page.
  if (port.name !== CHAT_PORT || !isFromExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  let open = true;
  const close = () => {
    open = false;
    deltas.cancel();
    runs.detach(listener);
  };
  // Deltas are joined, at most one message per frame (coalesce-deltas.ts): a port message per token
  // cost the browser process more CPU than the rest of the answer (issue 13).
  const deltas = coalesceDeltas((message) => {
    if (!open) return;
    try {
      port.postMessage(message);
    } catch {
      close(); // the panel went away before onDisconnect said so: the run goes on without it
    }
  });
  const listener = (message: ChatServerMessage) => {
    if (!open) throw new Error('port closed');
    deltas.send(message);
  };
  port.onDisconnect.addListener(close);
  // Synchronous on purpose: nothing here awaits storage, so a store that fails or hangs can neither
  // keep the request from starting nor leave the answer spinning (its problems arrive as "storage").
  port.onMessage.addListener((raw: unknown) => {
    const message = raw as ChatClientMessage;
    switch (message.type) {
      case 'send': {
        if (runs.has(message.runId)) break; // a duplicate send (a retried post) must not run twice
        const { runId, conversationId } = message;
        const answer: MessageRecord = {
          id: runId,
          conversationId,
          at: Date.now(),
          role: 'assistant',
          content: '',
          provider: message.provider,
          model: message.model,
          status: 'streaming',
        };
        // The provider is asked even when the user's message cannot be stored: the user would rather
        // have the answer, with a warning that it is not saved (and Export to keep it), than nothing.
        const recorder = recordRun(
          { answer, user: message.user, replaces: message.replaces },
          { report: (problem) => runs.report(runId, problem), gone: () => runs.stop(runId) },
        );
        runs.start(runId, {
          conversationId,
          model: modelForRun(message.provider, gateway),
          request: { model: message.model, messages: message.messages },
          listener,
          recorder,
        });
        break;
      }
      case 'stop':
        runs.stop(message.runId);
        break;
      case 'attach':
        runs.attach(message.runId, listener);
        break;
    }
  });
}
