import type { Runtime } from 'webextension-polyfill';
import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import type { RunManager } from '../chat/run-manager';
import { CHAT_PORT, type ChatClientMessage, type ChatServerMessage } from '../messaging/chat-port';
import { createChatModel } from '../providers/registry';
import { loadSettings } from '../settings/load-settings';

/** Only the extension's own pages may open the chat port: never a content script in a web page. */
function isOwnPage(port: Runtime.Port): boolean {
  return port.name === CHAT_PORT && !!port.sender?.url?.startsWith(chrome.runtime.getURL(''));
}

/** Handles one side panel's chat port: sends start runs, stops abort them, attaches resume them. */
export function serveChatPort(port: Runtime.Port, runs: RunManager, gateway: OAuth2Gateway): void {
  if (!isOwnPage(port)) {
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
        const settings = await loadSettings();
        const model = createChatModel(message.provider, settings, gateway);
        runs.start(
          message.runId,
          model,
          { model: message.model, messages: message.messages, system: settings.systemPrompt || undefined },
          listener,
        );
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
