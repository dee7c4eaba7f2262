// First, to mark when the script starts running (bench/worker-benches.ts, issue 13 §4).
import '@/lib/background/mark-script-start';
import { browser } from 'wxt/browser';
import { ENTERPRISE_PROVIDERS } from '@/lib/auth/gateway-targets';
import { providerOfAlarm } from '@/lib/auth/refresh-alarms';
import { SignInSessionStore } from '@/lib/auth/sign-in/sign-in-session';
import { readSignInStatuses } from '@/lib/auth/sign-in/sign-in-status';
import { createGateway } from '@/lib/background/gateway';
import { createSignInService } from '@/lib/background/sign-in';
import { testConnection } from '@/lib/background/handle-test-connection';
import { deleteConversationAndRuns } from '@/lib/background/delete-conversation';
import { importConversationBatch } from '@/lib/background/import-conversations';
import { serveChatPort } from '@/lib/background/serve-chat-port';
import { importSdkScriptsOnInstall } from '@/lib/background/import-sdk-scripts-on-install';
import { markInterrupted } from '@/lib/chat/conversation-db';
import { RunManager } from '@/lib/chat/run-manager';
import { onContextMenuClick, syncContextMenu } from '@/lib/background/context-menu';
import { readActivePage } from '@/lib/background/handle-read-active-page';
import { captureScreenshot } from '@/lib/background/capture-screenshot';
import { listAllowedModels } from '@/lib/background/list-allowed-models';
import { openPanelOnActionClick } from '@/lib/background/open-panel-on-action';
import { restrictStorageToTrustedContexts } from '@/lib/background/restrict-storage';
import { sealStoredSecrets } from '@/lib/background/seal-stored-secrets';
import { startUpWork } from '@/lib/background/start-up-work';
import { isFromExtensionPage, onMessage } from '@/lib/messaging/protocol';
import { onPolicyChange } from '@/lib/settings/policy/on-policy-change';
import { onSettingsChange } from '@/lib/settings/on-settings-change';
import { t } from '@/lib/i18n/t';
import { timedStep } from '@/lib/timed-step';

// Listeners are registered synchronously on every start: an event that wakes the worker is only
// delivered to listeners that exist by the end of the first run of this function.
export default defineBackground(() => {
  // How long a start takes, from the worker's time origin (bench/worker-benches.ts, issue 13 §4):
  // here every module has been evaluated; at "ready" every listener is registered.
  performance.mark('omni-ai:evaluated');
  importSdkScriptsOnInstall();
  void timedStep('restrict-storage', restrictStorageToTrustedContexts);
  // What a Send does not need waits until the start is over (start-up-work.ts, issue 13 §4).
  startUpWork.defer(() =>
    timedStep('seal-secrets', sealStoredSecrets).catch((error: Error) => console.warn(`omni-ai could not encrypt its stored secrets yet: ${error.message}`)),
  );
  openPanelOnActionClick();
  // The menu follows the organization's policy and the user's prompts: set up on install and at
  // start (the policy may have changed while the browser was closed), and again whenever it changes.
  browser.runtime.onInstalled.addListener(() => void syncContextMenu());
  browser.runtime.onStartup.addListener(() => void timedStep('context-menu', syncContextMenu));
  onPolicyChange(() => void syncContextMenu());
  // The user's prompts are menu items, and the selected provider may be one the organization sends
  // no page text to (issue 16): both change it.
  onSettingsChange(() => void syncContextMenu({ onlyIfChanged: true }));
  browser.contextMenus.onClicked.addListener(onContextMenuClick);

  const sessions = new SignInSessionStore();
  const gateway = createGateway(sessions);
  const signIn = createSignInService(gateway, sessions);
  // A sign-in kept across browser restarts is shown again (storage.session was emptied): after the
  // start-up, or first thing when the user signs in or out, so neither races with it. The pages
  // follow the statuses live (storage.onChanged).
  const statusesRestored = startUpWork.defer(() =>
    timedStep('sign-in-statuses', () => readSignInStatuses().then((statuses) => signIn.restoreStatuses(ENTERPRISE_PROVIDERS, statuses))).catch(
      (error: Error) => console.warn(`omni-ai could not restore the sign-in statuses: ${error.message}`),
    ),
  );
  // An alarm that fires refreshes at once (its listener is here from the first line); the rearm
  // only puts back an alarm the browser lost, which can wait for the start-up to end.
  browser.alarms.onAlarm.addListener((alarm) => {
    const provider = providerOfAlarm(alarm.name);
    if (provider) void gateway.refreshInBackground(provider);
  });
  startUpWork.defer(() => timedStep('rearm', () => gateway.rearm(ENTERPRISE_PROVIDERS)).catch(() => undefined));

  // Any answer still marked streaming was cut off with the last worker, except those of runs this
  // one started meanwhile. If the store cannot be opened (a newer omni-ai's database, a full disk),
  // the panel says so when it reads or writes; there is nothing to add here.
  const runs = new RunManager(() => browser.runtime.getPlatformInfo());
  startUpWork.defer(() => timedStep('mark-interrupted', () => markInterrupted(t('answer_interrupted'), (id) => runs.has(id))).catch(() => undefined));
  browser.runtime.onConnect.addListener((port) => serveChatPort(port, runs, gateway));

  onMessage('testConnection', ({ data: provider, sender }) => {
    if (!isFromExtensionPage(sender)) return { ok: false, message: 'Refused: not an omni-ai page.' };
    return testConnection(gateway, provider);
  });
  onMessage('listModels', ({ data: provider, sender }) => {
    if (!isFromExtensionPage(sender)) return { models: [], live: false };
    return listAllowedModels(provider, gateway);
  });
  onMessage('deleteConversation', ({ data: conversationId, sender }) => {
    if (!isFromExtensionPage(sender)) return { ok: false, message: 'Refused: not an omni-ai page.' };
    return deleteConversationAndRuns(runs, conversationId);
  });
  onMessage('importConversations', ({ data: batch, sender }) => {
    if (!isFromExtensionPage(sender)) return { ok: false, message: 'Refused: not an omni-ai page.' };
    return importConversationBatch(batch);
  });
  // The sign-in window opens from the worker; the page gets only the outcome's words.
  onMessage('signIn', ({ data: provider, sender }) => {
    if (!isFromExtensionPage(sender)) return { ok: false, message: 'Refused: not an omni-ai page.' };
    return statusesRestored().then(() => signIn.signIn(provider));
  });
  onMessage('signOut', ({ data: provider, sender }) => {
    if (!isFromExtensionPage(sender)) return { ok: false, message: 'Refused: not an omni-ai page.' };
    return statusesRestored().then(() => signIn.signOut(provider));
  });
  onMessage('readActivePage', ({ data: windowId, sender }) => {
    if (!isFromExtensionPage(sender)) return { ok: false, message: 'Refused: not an omni-ai page.' };
    return readActivePage(windowId);
  });
  onMessage('captureScreenshot', ({ data: windowId, sender }) => {
    if (!isFromExtensionPage(sender)) return { ok: false, message: 'Refused: not an omni-ai page.' };
    return captureScreenshot(windowId);
  });
  performance.mark('omni-ai:ready');
});
