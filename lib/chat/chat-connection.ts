import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { chatPortName, type ChatClientMessage, type ChatServerMessage } from '../messaging/chat-port';
import type { ProviderId } from '../providers/catalog';

/**
 * The side panel's end of the chat port. Chrome closes the port when it stops the worker; the next
 * message opens a new one, and `onReconnect` lets the caller re-attach to answers still streaming.
 */
export class ChatConnection {
  private port: Runtime.Port | undefined;

  constructor(
    private readonly onMessage: (message: ChatServerMessage) => void,
    private readonly onReconnect: () => void,
    /** The provider chosen now, named in the port so that a stopped worker imports its SDK at once (chat-port.ts). */
    private readonly provider: () => ProviderId | undefined = () => undefined,
  ) {}

  post(message: ChatClientMessage): void {
    this.open().postMessage(message);
  }

  /**
   * Starts a stopped worker ahead of a send (issue 13 §4): opening the port is the message, since
   * Chrome starts the worker to deliver `onConnect`, and a start costs about 200 ms that would
   * otherwise come after Send. With the port open the worker is running (Chrome closes it when it
   * stops the worker), so this sends nothing then. It carries no data, and the worker only sets up
   * the port: no provider or token endpoint is called, and no use is recorded (issue 10's idle rule).
   */
  wake(): void {
    this.open();
  }

  private open(): Runtime.Port {
    if (this.port) return this.port;
    const port = browser.runtime.connect({ name: chatPortName(this.provider()) });
    port.onMessage.addListener((message: unknown) => this.onMessage(message as ChatServerMessage));
    port.onDisconnect.addListener(() => {
      this.port = undefined;
      this.onReconnect();
    });
    this.port = port;
    return port;
  }
}
