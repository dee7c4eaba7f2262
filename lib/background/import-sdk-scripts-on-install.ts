import { SDK_SCRIPT_PATHS } from '../providers/sdk/sdk-scripts';

declare const self: { addEventListener(type: 'install', listener: () => void): void };
declare function importScripts(...urls: string[]): void;

/**
 * Chrome lets a service worker import, after it is installed, only the scripts it imported before
 * (Service Workers spec, importScripts: a URL not in the worker's script resource map throws once
 * its state is past "installing"; `import()` it refuses outright). So the worker imports every SDK
 * script while installing, and Chrome keeps them with that version of the worker; load-sdk.ts then
 * imports one again, from there, on the first request that needs it, after any stop and start.
 * An update of the extension installs a new version, which imports the new scripts.
 * Registered synchronously on every start (an `install` event is delivered only to a listener added
 * in the script's first run). Chrome only: Firefox's event page lists the scripts in its manifest.
 */
export function importSdkScriptsOnInstall(): void {
  if (import.meta.env.FIREFOX) return;
  self.addEventListener('install', () => importScripts(...Object.values(SDK_SCRIPT_PATHS)));
}
