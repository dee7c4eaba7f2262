import { loadSdk } from '../providers/sdk/load-sdk';
import { SDK_OF_PROVIDER } from '../providers/sdk/sdk-scripts';
import { loadSettings } from '../settings/load-settings';
import type { EffectiveSettings } from '../settings/effective-settings';
import type { ProviderId } from '../providers/catalog';
import { timedStep } from '../timed-step';

/**
 * Imports the SDK of the provider the settings choose, when a side panel opens its chat port
 * (issue 13 §4). A panel opens the port when the user focuses or types in the composer (its wake,
 * lib/chat/chat-connection.ts) or with its first Send; either way a Send is coming, and its run
 * would otherwise import the SDK (15 to 30 ms of a stopped worker's first request: reading and
 * deserialising the script's code cache) only after reading the settings itself. Started here, the
 * import is done while the user types, or overlaps the Send's own message and settings read.
 * What other starts pay: nothing (an alarm, a menu click, the options page open no chat port).
 * No network, no token, no recorded use (issue 10's idle rule holds): a packaged script is run.
 * A provider whose SDK fails to load is not this function's to report: the run loads it again and
 * shows the error as the answer's.
 */
export function importChosenSdk(read: () => Promise<EffectiveSettings> = loadSettings): Promise<void> {
  return timedStep('sdk-preload', read)
    .then(({ provider }) => importSdkOf(provider))
    .catch(() => undefined);
}

/** Imports the script `provider`'s adapter needs, if it has one; a failure is left to the run, which loads it again and shows why it cannot. */
function importSdkOf(provider: ProviderId): void {
  const sdk = SDK_OF_PROVIDER[provider];
  try {
    if (sdk) loadSdk(sdk, provider);
  } catch {
    // the run's to report
  }
}

/**
 * The same for a panel that named its chosen provider in the port's name (chat-port.ts): the import
 * starts at once, without a settings read first to learn the provider. The settings are read all
 * the same, issued before the import: `importScripts` is synchronous and holds the worker's thread,
 * so the browser process serves the read meanwhile, and a Send that follows the connect at once
 * (the cold Send: the panel connects to post it) starts its run with that read rather than one
 * issued after the import (serve-chat-port.ts). Returns that read. A stale name (the user changed
 * provider meanwhile) costs an import the run does not use: the run builds the provider its Send
 * names, and a failed import is the run's to report, as above.
 */
export function importNamedSdk(provider: ProviderId, read: () => Promise<EffectiveSettings> = loadSettings): Promise<EffectiveSettings> {
  const settings = read();
  importSdkOf(provider);
  return settings;
}
