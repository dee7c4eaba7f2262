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
  /** The service worker's warnings (e.g. why the panel could not open), to explain a failure. */
  consoleWarnings: string[];
  serviceWorker: () => Promise<Worker>;
  openSidePanel: () => Promise<Page>;
  openOptions: () => Promise<Page>;
  /**
   * Stops the service worker as Chrome does when it is idle (CDP ServiceWorker.stopWorker), and
   * resolves once Chrome reports it stopped. The next event or message starts it again.
   */
  stopServiceWorker: (page: Page) => Promise<void>;
  /** Clicks omni-ai's toolbar icon on the tab showing `page`, as a user would (a real user gesture). */
  clickToolbarIcon: (page: Page) => Promise<void>;
  close: () => Promise<void>;
}

export async function launchExtension(userDataDir: string): Promise<ExtensionSession> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1100, height: 800 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      // The machine's closed network otherwise floods the log with failed background fetches.
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Lets CDP's Extensions.triggerAction click the toolbar icon (Playwright talks over a pipe).
      '--enable-unsafe-extension-debugging',
    ],
  });

  const consoleErrors: string[] = [];
  const consoleWarnings: string[] = [];
  const watchWorker = (worker: Worker) =>
    worker.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(`[service worker] ${m.text()}`);
      if (m.type() === 'warning') consoleWarnings.push(`[service worker] ${m.text()}`);
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

  const clickToolbarIcon = async (page: Page) => {
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
    await cdp.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
    await cdp.detach();
  };

  const stopServiceWorker = async (page: Page) => {
    type Version = { versionId: string; scriptURL: string; runningStatus: string };
    const cdp = await context.newCDPSession(page);
    let ours: Version | undefined;
    const stopped = new Promise<void>((resolve) =>
      cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }: { versions: Version[] }) => {
        const version = versions.find((v) => v.scriptURL === `chrome-extension://${extensionId}/background.js`);
        if (!version) return;
        ours ??= version;
        if (ours && version.versionId === ours.versionId && version.runningStatus === 'stopped') resolve();
        else if (version.runningStatus === 'running')
          void cdp.send('ServiceWorker.stopWorker', { versionId: version.versionId });
      }),
    );
    await cdp.send('ServiceWorker.enable');
    await stopped;
    await cdp.detach();
  };

  return {
    context,
    extensionId,
    consoleWarnings,
    stopServiceWorker,
    consoleErrors,
    serviceWorker,
    openSidePanel: () => open('sidepanel.html'),
    openOptions: () => open('options.html'),
    clickToolbarIcon,
    close: () => context.close(),
  };
}
