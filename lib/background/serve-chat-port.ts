import type { Runtime } from 'webextension-polyfill';
import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import { addUserMessage, deleteMessage, putMessage, type MessageRecord } from '../chat/conversation-db';
import { recordRun } from '../chat/record-run';
import type { RunManager } from '../chat/run-manager';
import { CHAT_PORT, type ChatClientMessage, type ChatServerMessage } from '../messaging/chat-port';
import { isFromExtensionPage } from '../messaging/protocol';
import { missingCredentials } from '../providers/missing-credentials';
import { createChatModel } from '../providers/registry';
import type { StreamError } from '../providers/types';
import { loadSettings } from '../settings/load-settings';
import { providerRefusal } from '../settings/policy/refusals';

/** Handles one side panel's chat port: sends start runs, stops abort them, attaches resume them. */
export function serveChatPort(port: Runtime.Port, runs: RunManager, gateway: OAuth2Gateway): void {
  // Only the extension's own pages may open the chat port: never a content script in a web page.
  if (port.name !== CHAT_PORT || !isFromExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  let open = true;
  const listener = (message: ChatServerMessage) => {
    if (!open) throw new Error('port closed');
    port.postMessage(message);
  };
  port.onDisconnect.addListener(() => {
    open = false;
    runs.detach(listener);
  });
  port.onMessage.addListener(async (raw: unknown) => {
    const message = raw as ChatClientMessage;
    switch (message.type) {
      case 'send': {
        // Stored before the run starts, so the conversation exists even if the panel closes at once.
        if (message.replaces) await deleteMessage(message.replaces);
        if (message.user) await addUserMessage(message.user);
        const answer: MessageRecord = {
          id: message.runId,
          conversationId: message.conversationId,
          at: Date.now(),
          role: 'assistant',
          content: '',
          provider: message.provider,
          model: message.model,
          status: 'streaming',
        };
        await putMessage(answer);
        const record = recordRun(answer);
        const fail = (error: StreamError) => {
          const failure: ChatServerMessage = { type: 'error', runId: message.runId, error, stopped: false };
          record(failure);
          listener(failure);
        };
        try {
          const settings = await loadSettings();
          const refused = providerRefusal(settings, message.provider);
          if (refused) return fail({ kind: 'config', message: refused });
          const missing = missingCredentials(message.provider, settings);
          if (missing) return fail({ kind: 'config', message: missing });
          runs.start(
            message.runId,
            createChatModel(message.provider, settings, gateway),
            { model: message.model, messages: message.messages, system: settings.systemPrompt || undefined },
            listener,
            record,
          );
        } catch (error) {
          // Nothing may leave an answer spinning: a failure to even start is the answer's error.
          fail({ kind: 'config', message: `omni-ai could not start the request: ${(error as Error).message}` });
        }
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
