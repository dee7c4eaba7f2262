import path from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';

/** Debian's Chromium by default; set CHROMIUM_PATH to run the tests with a Chrome elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../../.output/chrome-mv3');

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** Every console error and uncaught error from any page or the service worker, as text. */
  consoleErrors: string[];
  serviceWorker: () => Promise<Worker>;
  openSidePanel: () => Promise<Page>;
  openOptions: () => Promise<Page>;
  /**
   * Stops the service worker as Chrome does when it is idle (CDP ServiceWorker.stopWorker), and
   * resolves once Chrome reports it stopped. The next event or message starts it again.
   */
  stopServiceWorker: (page: Page) => Promise<void>;
  /**
   * Clicks omni-ai's toolbar icon on the tab showing `page`, as a user would (a real user gesture),
   * and resolves once omni-ai's worker has received the click. Returns what the worker did with
   * it: each `chrome.sidePanel.open` call and how it ended.
   */
  clickToolbarIcon: (page: Page) => Promise<PanelOpenLog>;
  close: () => Promise<void>;
}

const openLog = (worker: Worker): Promise<PanelOpenLog> =>
  worker.evaluate(() => [...(globalThis as unknown as { e2eOpens: string[] }).e2eOpens]);

/** Polls `check` every 50 ms until it is true (resolves true) or `ms` pass (resolves false). */
async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50)))
    if (await check()) return true;
  return false;
}

/** What the worker did after a toolbar click, e.g. `['open window 12', 'open resolved']`. */
export type PanelOpenLog = string[];

/**
 * Installs, once per worker instance, a second onClicked listener that counts the clicks reaching
 * the worker, and a wrapper that logs omni-ai's `chrome.sidePanel.open` calls and their outcome.
 * Resolves to the number of clicks seen so far.
 */
function watchToolbarClicks(worker: Worker): Promise<number> {
  return worker.evaluate(() => {
    const probe = globalThis as unknown as { e2eClicks?: number; e2eOpens?: string[] };
    if (probe.e2eClicks === undefined) {
      probe.e2eClicks = 0;
      probe.e2eOpens = [];
      chrome.action.onClicked.addListener(() => void probe.e2eClicks!++);
      const open = chrome.sidePanel.open.bind(chrome.sidePanel);
      chrome.sidePanel.open = ((options: chrome.sidePanel.OpenOptions) => {
        probe.e2eOpens!.push(`open window ${options.windowId}`);
        return open(options).then(
          () => void probe.e2eOpens!.push('open resolved'),
          (error: Error) => {
            probe.e2eOpens!.push(`open rejected: ${error.message}`);
            throw error;
          },
        );
      }) as typeof chrome.sidePanel.open;
    }
    return probe.e2eClicks;
  });
}

/**
 * Chromium's flags for a profile with only the unpacked extension(s) in `extensionDirs` (a
 * comma-separated list), as the e2e harness, the benches and the menu screenshot launch it.
 */
export const extensionArgs = (extensionDirs: string): string[] => [
  `--disable-extensions-except=${extensionDirs}`,
  `--load-extension=${extensionDirs}`,
  // The machine's closed network otherwise floods the log with failed background fetches.
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Launches Chromium on the profile with the extension in `extensionDir` (the build, by default).
 * `language` (e.g. "de") is the browser's UI language, as `i18n.getUILanguage()` reports it: on
 * Linux Chromium takes it from LANGUAGE (not --lang), given the chromium-l10n package (MACHINE.md).
 */
export async function launchExtension(userDataDir: string, extensionDir = EXTENSION_DIR, { language }: { language?: string } = {}): Promise<ExtensionSession> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    ...(language ? { env: { ...process.env, LANGUAGE: language }, locale: language } : {}),
    viewport: { width: 1100, height: 800 },
    args: [
      ...extensionArgs(extensionDir),
      // Lets CDP's Extensions.triggerAction click the toolbar icon (Playwright talks over a pipe).
      '--enable-unsafe-extension-debugging',
    ],
  });

  const consoleErrors: string[] = [];
  const watchWorker = (worker: Worker) =>
    worker.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`[service worker] ${m.text()}`);
    });
  context.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(`[${m.page()?.url() ?? 'page'}] ${m.text()}`);
  });
  context.on('weberror', (e) => consoleErrors.push(`[${e.page()?.url() ?? 'page'}] uncaught: ${e.error().message}`));
  context.on('serviceworker', watchWorker);
  context.serviceWorkers().forEach(watchWorker);

  const serviceWorker = async () => {
    const existing = context.serviceWorkers().find((w) => w.url().endsWith('/background.js'));
    return existing ?? (await context.waitForEvent('serviceworker'));
  };
  const extensionId = new URL((await serviceWorker()).url()).host;

  const open = async (file: string) => {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/${file}`);
    return page;
  };

  const clickToolbarIcon = async (page: Page): Promise<PanelOpenLog> => {
    const browser = context.browser();
    if (!browser) throw new Error('no browser-level CDP session');
    // As a user would: on a page that has finished loading, not mid-navigation.
    await page.waitForLoadState('load');
    const cdp = await browser.newBrowserCDPSession();
    const pageTarget = await (await context.newCDPSession(page)).send('Target.getTargetInfo');
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    // A tab target wraps the page target; they share the URL, and a fresh tab is the only one with it.
    const tab = targetInfos.find((t) => t.type === 'tab' && t.url === pageTarget.targetInfo.url);
    if (!tab) throw new Error(`no tab target for ${page.url()}`);
    const worker = await serviceWorker();
    // CDP has (rarely, under load) dropped a triggerAction: the worker never got the click. That is
    // the harness's click lost, not omni-ai failing, so it is sent again; whatever reaches the worker
    // is then checked by the test.
    for (let attempt = 1; ; attempt++) {
      const before = await watchToolbarClicks(worker);
      await worker.evaluate(() => void ((globalThis as unknown as { e2eOpens: string[] }).e2eOpens.length = 0));
      await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
      const delivered = await waitUntil(async () => (await watchToolbarClicks(worker)) > before, 5_000);
      if (delivered) break;
      if (attempt === 3) throw new Error('Chrome did not deliver the toolbar click to the service worker, 3 times');
    }
    await cdp.detach();
    await waitUntil(async () => (await openLog(worker)).some((line) => !line.startsWith('open window')), 5_000);
    return openLog(worker);
  };

  const stopServiceWorker = (page: Page) => stopWorkerOf(context, page, `chrome-extension://${extensionId}/background.js`);

  return {
    context,
    extensionId,
    stopServiceWorker,
    consoleErrors,
    serviceWorker,
    openSidePanel: () => open('sidepanel.html'),
    openOptions: () => open('options.html'),
    clickToolbarIcon,
    close: () => context.close(),
  };
}

/**
 * Stops the service worker whose script URL starts with `script` (CDP ServiceWorker.stopWorker) and
 * resolves once Chrome reports it stopped. `page` is any page of the context, for the CDP session.
 */
export async function stopWorkerOf(context: BrowserContext, page: Page, script: string): Promise<void> {
  type Version = { versionId: string; scriptURL: string; runningStatus: string };
  const cdp = await context.newCDPSession(page);
  let ours: Version | undefined;
  // Once the worker has stopped, a port may start it again at once, and an update can still arrive
  // while the session detaches: `done` keeps the listener from stopping that new start, or from
  // sending on a detached session (CI saw "Target page, context or browser has been closed" from it).
  let done = false;
  const stopped = new Promise<void>((resolve, reject) =>
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: Version[] }) => {
      if (done) return;
      const version = versions.find((v) => v.scriptURL.startsWith(script));
      if (!version) return;
      ours ??= version;
      if (version.versionId === ours.versionId && version.runningStatus === 'stopped') {
        done = true;
        resolve();
      } else if (version.runningStatus === 'running')
        cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId }).catch((error: unknown) => {
          if (!done) reject(error instanceof Error ? error : new Error(String(error)));
        });
    }),
  );
  // Its own limit, so a worker that never reports stopping fails with what was waited for rather
  // than the test's bare timeout; the session is detached either way.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the service worker ${script} did not stop within ${STOP_WORKER_TIMEOUT_MS} ms`)), STOP_WORKER_TIMEOUT_MS);
  });
  try {
    await cdp.send('ServiceWorker.enable');
    await Promise.race([stopped, limit]);
  } finally {
    done = true;
    clearTimeout(timer);
    await cdp.detach().catch(() => undefined);
  }
}

const STOP_WORKER_TIMEOUT_MS = 15_000;
