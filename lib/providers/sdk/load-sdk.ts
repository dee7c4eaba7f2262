import { PROVIDERS, type ProviderId } from '../catalog';
import { t } from '../../i18n/t';
import { SDK_SCRIPT_PATHS, sdkRegistry, type SdkName, type SdkScripts } from './sdk-scripts';

/** A service worker's synchronous script loader (HTML, WorkerGlobalScope); absent in a page. */
declare const importScripts: ((...urls: string[]) => void) | undefined;

/**
 * An SDK, loaded the first time a request needs it. In Chrome's service worker, `importScripts()`:
 * `import()` is refused there, and `importScripts()` of a script the worker never imported before
 * is refused once the worker is installed (Service Workers spec, importScripts: a URL not in the
 * script resource map throws unless the worker is installing), so the worker imports every SDK
 * script in its `install` handler (import-sdk-scripts-on-install.ts) and Chrome keeps them with
 * that version: later imports, also after a stop, read them from there. In Firefox's event page the
 * manifest lists the scripts before the worker's own (wxt.config.ts), so they are here already.
 * Synchronous, like the adapters' constructors. Throws a message that names the file and what to
 * do; the run shows it as the answer's error, the options page as the sign-in's.
 */
export function loadSdk<Name extends SdkName>(name: Name, user: ProviderId | 'sign-in'): SdkScripts[Name] {
  const loaded = sdkRegistry()[name];
  if (loaded) return loaded;
  const path = SDK_SCRIPT_PATHS[name];
  try {
    if (typeof importScripts !== 'function') throw new Error('importScripts is not available here');
    const start = performance.now();
    importScripts(path);
    // What the import cost this start, read by the cold-worker bench (bench/worker-benches.ts).
    performance.measure('omni-ai:sdk-import', { start });
  } catch (error) {
    throw new Error(failed(user, path, (error as Error).message), { cause: error });
  }
  const imported = sdkRegistry()[name];
  if (!imported) throw new Error(failed(user, path, t('sdk_not_registered')));
  return imported;
}

/** What to tell the user, who then retries the request (a provider's) or the sign-in. */
function failed(user: ProviderId | 'sign-in', path: string, why: string): string {
  return user === 'sign-in' ? t('sdk_load_failed_sign_in', path.slice(1), why) : t('sdk_load_failed', PROVIDERS[user].label, path.slice(1), why);
}
