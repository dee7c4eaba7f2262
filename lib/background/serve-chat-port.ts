import type { Runtime } from 'webextension-polyfill';
import type { OAuth2Gateway } from '../auth/oauth2-gateway';
import { fitSend } from '../chat/context-budget';
import type { ActivityRecord, ContextCut, MessageRecord, SentPage } from '../chat/conversation-db';
import { recordFromWire } from '../chat/image-wire';
import { providerMessages } from '../chat/provider-messages';
import { recordRun } from '../chat/record-run';
import type { RunManager } from '../chat/run-manager';
import { readPath, turnCache, warmTurns } from '../chat/read-path';
import { chatPortProvider, isTurnRef, type ChatClientMessage, type ChatServerMessage, type ChatTurn, type SendTurn } from '../messaging/chat-port';
import { coalesceDeltas } from '../messaging/coalesce-deltas';
import { isFromExtensionPage } from '../messaging/protocol';
import { loadSettings } from '../settings/load-settings';
import { pageTextRules, requestTarget } from '../settings/page-text-rules';
import type { EffectiveSettings } from '../settings/effective-settings';
import { contextTokens } from '../providers/context-sizes';
import { contextSizeFor } from '../settings/context-size';
import { carriesPageContent, checkPageTurns } from './check-page-turns';
import { importChosenSdk, importNamedSdk } from './import-chosen-sdk';
import { modelForRun } from './model-for-run';
import { markOnce } from '../timed-step';

/**
 * How long after the connect a Send may start with the settings read at the connect (importNamedSdk):
 * the cold Send's message arrives a few ms after its connect (tens under load), and its settings are
 * then no older than a read the message itself would wait for. A later Send (the user typed first)
 * reads them itself.
 */
export const CONNECT_READ_MS = 250;

/**
 * A send with every turn in full: as the panel posted it, or with its referenced turns read back
 * (read-path.ts); once fitted to the model's context, `cut` says what the budget left out.
 */
type Send = Omit<Extract<ChatClientMessage, { type: 'send' }>, 'messages'> & { messages: ChatTurn[]; cut?: ContextCut };

/** The settings a send is fitted, checked and started with, or why they could not be read. */
type SettingsRead = { settings: EffectiveSettings; error?: undefined } | { settings?: undefined; error: Error };

const inFull = (turns: readonly SendTurn[]): turns is ChatTurn[] => !turns.some(isTurnRef);

/** Handles one side panel's chat port: sends start runs, stops abort them, attaches resume them. */
export function serveChatPort(port: Runtime.Port, runs: RunManager, gateway: OAuth2Gateway): void {
  // Only the extension's own pages may open the chat port: never a content script in a web page.
  const named = chatPortProvider(port.name);
  if (named === undefined || !isFromExtensionPage(port.sender)) {
    port.disconnect();
    return;
  }
  // A Send is coming: its provider's SDK is imported now, not after the run's settings are read;
  // at once when the panel named the provider, with the settings' read issued first and kept for a
  // Send that follows the connect at once.
  const connectedAt = Date.now();
  let connectRead: Promise<EffectiveSettings> | undefined;
  if (named) {
    connectRead = importNamedSdk(named);
    connectRead.catch(() => undefined); // a failed read is the Send's to report (below), or nobody's
  } else void importChosenSdk();
  /** The connect's settings read, once, for a Send that arrives within CONNECT_READ_MS of it. */
  const takeConnectRead = () => {
    const read = Date.now() - connectedAt <= CONNECT_READ_MS ? connectRead : undefined;
    connectRead = undefined;
    return read;
  };
  let open = true;
  const close = () => {
    open = false;
    deltas.cancel();
    runs.detach(listener);
  };
  // Deltas are joined, at most one message per 25 ms (coalesce-deltas.ts): a port message per token
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
  const tell = (message: ChatServerMessage) => {
    try {
      listener(message);
    } catch {
      // The panel went away; it reads the stored records when it comes back.
    }
  };
  port.onDisconnect.addListener(close);

  /**
   * Starts the run with the settings its send was fitted with and, when it carries page text,
   * checked with: the request goes out with exactly those, so an endpoint changed meanwhile cannot
   * receive text that was checked for another. Without settings (they could not be read), the run
   * reads them itself and reports on the answer why it cannot.
   */
  const start = (message: Send, settings?: EffectiveSettings, sent: SentPage[] = []) => {
    if (runs.has(message.runId)) return; // a duplicate send (a retried post) must not run twice
    const { runId, conversationId } = message;
    const at = Date.now();
    const answer: MessageRecord = {
      id: runId,
      conversationId,
      at,
      ...(message.parentId !== undefined ? { parentId: message.parentId } : {}),
      role: 'assistant',
      content: '',
      provider: message.provider,
      model: message.model,
      status: 'streaming',
      ...(sent.length ? { sent } : {}),
      ...(message.cut ? { contextCut: message.cut } : {}),
    };
    const activity: ActivityRecord[] | undefined = settings?.pageText.keepLog
      ? sent.map(({ messageId: _m, ...line }) => ({ ...line, id: crypto.randomUUID(), conversationId, at }))
      : undefined;
    let user: MessageRecord | undefined;
    try {
      user = message.user && recordFromWire(message.user);
    } catch (error) {
      tell({ type: 'error', runId, stopped: false, error: { kind: 'config', message: `omni-ai could not take this message’s images: ${(error as Error).message}.` } });
      return;
    }
    if (sent.length) tell({ type: 'sent', runId, sent });
    if (message.cut) tell({ type: 'context-cut', runId, cut: message.cut });
    // The provider is asked even when the user's message cannot be stored: the user would rather
    // have the answer, with a warning that it is not saved (and Export to keep it), than nothing.
    const recorder = recordRun(
      { answer, user, replaces: message.replaces, activity },
      { report: (problem) => runs.report(runId, problem), gone: () => runs.stop(runId), final: (record) => turnCache.add(conversationId, record) },
    );
    runs.start(runId, {
      conversationId,
      model: modelForRun(message.provider, gateway, settings),
      request: { model: message.model, messages: providerMessages(message.messages) },
      listener,
      recorder,
    });
  };

  /** A request with page text or a screenshot: checked against the site rules first (issue 16), refused whole if any of it may not go. */
  const startWithPageText = (message: Send, settings: EffectiveSettings) => {
    const to = requestTarget(message.provider, settings);
    const check = checkPageTurns(message.messages, to, pageTextRules(settings), message.user !== undefined);
    if (check.ok) start(message, settings, check.sent);
    else tell({ type: 'refused', runId: message.runId, message: check.message });
  };

  /**
   * The full turns, already fitted to the model's context, checked exactly as they would be had the
   * panel sent them all (issue 16). Fitted first (below), so the site rules judge what the request
   * carries: page text in a turn left out neither leaves nor is refused, and the record of what left
   * (`sent`) names only what did.
   */
  const begin = (message: Send, read: SettingsRead) => {
    if (!carriesPageContent(message.messages)) start(message, read.settings);
    else if (read.settings) startWithPageText(message, read.settings);
    else
      tell({ type: 'refused', runId: message.runId, message: `omni-ai could not read its settings to check the page text (${read.error.message}). Try again.` });
  };

  /** Sends not started yet, their settings or referenced turns being read: a duplicate post meanwhile must not run twice. */
  const pending = new Set<string>();
  /** Stops that came for a send not started yet (kept across a `history-needed` resend): it stops the moment it starts. */
  const stopsBeforeStart = new Set<string>();
  const settle = (runId: string, then: () => void) => {
    pending.delete(runId);
    then();
    if (runs.has(runId) && stopsBeforeStart.delete(runId)) runs.stop(runId);
  };

  // A send waits for the settings first: the model's context size may be the provider's own setting
  // (context-size.ts), and the same settings then check its page text and set up its request, so
  // they are read once. If they cannot be read, the size goes by the model's name and the run reads
  // them again itself, which reports the failure on the answer with Retry (model-for-run.ts). Turns
  // sent by reference wait for the read at most READ_WAIT_MS; if it fails, hangs or finds a turn
  // missing or different, the panel is asked for the full turns and the run starts with those
  // (issue 13 target 2).
  port.onMessage.addListener((raw: unknown) => {
    const message = raw as ChatClientMessage;
    markOnce('port-message'); // the cold-worker bench's first step of a run (issue 13 §4)
    switch (message.type) {
      case 'send': {
        const { runId, conversationId } = message;
        if (runs.has(runId) || pending.has(runId)) break;
        pending.add(runId);
        void (takeConnectRead() ?? loadSettings())
          .then(
            (settings): SettingsRead => ({ settings }),
            (error: Error): SettingsRead => ({ error }),
          )
          .then((read) => {
            // Fitted to the model's context before anything is read back (context-budget.ts, from each
            // reference's estimate): only the turns that go are read (issue 13 target 2).
            const size = read.settings ? contextSizeFor(read.settings.providers, message.provider, message.model) : contextTokens(message.model);
            // Turns the panel left out as beyond the budget (chat-store sendTurnsOf) are only counted:
            // the fit must stop within what was sent, or the panel is asked for every turn (fitSend).
            const older = Number.isSafeInteger(message.older) && message.older! > 0 ? message.older! : 0;
            const fit = fitSend(message.messages, size, older);
            if (!fit) return settle(runId, () => tell({ type: 'history-needed', runId }));
            const { turns: messages, cut } = fit;
            const fitted = cut ? { cut } : {};
            if (inFull(messages)) return settle(runId, () => begin({ ...message, messages, ...fitted }, read));
            return readPath(conversationId, messages, { unwritten: (id) => runs.unwritten(id) }).then((turns) =>
              settle(runId, () => (turns ? begin({ ...message, messages: turns, ...fitted }, read) : tell({ type: 'history-needed', runId }))),
            );
          });
        break;
      }
      case 'stop':
        if (pending.has(message.runId)) stopsBeforeStart.add(message.runId);
        else runs.stop(message.runId);
        break;
      case 'warm':
        void warmTurns(message.conversationId);
        break;
      case 'attach':
        runs.attach(message.runId, listener);
        break;
    }
  });
}
