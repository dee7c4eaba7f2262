import path from 'node:path';
import readline from 'node:readline';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

/** Debian's Firefox ESR by default; set FIREFOX_PATH to run the tests with another Firefox. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../../.output/firefox-mv3');
/** browser_specific_settings.gecko.id in wxt.config.ts. */
export const GECKO_ID = 'omni-ai@omni-ai.dev';
/**
 * Firefox gives each install a random moz-extension:// origin; the `extensions.webextensions.uuids`
 * pref fixes it, so the tests know the extension's pages' URLs before it is installed.
 */
export const EXTENSION_UUID = '6c7a3f2e-0d1b-4c5e-9f8a-2b3c4d5e6f70';
export const EXTENSION_ORIGIN = `moz-extension://${EXTENSION_UUID}`;

export interface FirefoxExtensionSession {
  browser: Browser;
  /** Every console error and uncaught error from any page, the sidebar or the background page. */
  consoleErrors: string[];
  /** Opens one of the extension's pages in a new tab and waits for it to load. */
  openExtensionPage: (file: 'options.html' | 'sidepanel.html') => Promise<Page>;
  openOptions: () => Promise<Page>;
  openSidePanel: () => Promise<Page>;
  /** A new tab showing `url` (a web page), in front. */
  openWebPage: (url: string) => Promise<Page>;
  /**
   * Runs `body` (the text of an async function body, returning something JSON can carry) in the
   * browser's own chrome window, with `ext` (Firefox's Extension object for omni-ai), and
   * `ExtensionParent`, `ExtensionCommon` and `CustomizableUI` in scope. This is how the harness
   * does what only the user or Firefox itself can: click the toolbar, stop the background.
   */
  chrome: <T>(body: string) => Promise<T>;
  /** Stops the background page as Firefox does when it has been idle; the next event starts it again. */
  terminateBackground: () => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Lines Firefox prints for errors in web content and extensions (with the
 * `devtools.console.stdout.content` pref, console.* calls from every page, the sidebar and the
 * background page reach stdout). Errors in Firefox's own chrome:// and resource:// code (its
 * shutdown noise) are not omni-ai's.
 */
function isContentError(line: string): boolean {
  if (line.startsWith('console.error:')) return true;
  const uncaught = /^JavaScript error: (\S+?), line/.exec(line);
  return !!uncaught && !/^(chrome|resource):/.test(uncaught[1]!);
}

/**
 * Starts Firefox ESR with the built extension on a fresh profile. `language` (e.g. "de") is the
 * browser's UI language, as `i18n.getUILanguage()` reports it: Firefox takes it from the
 * `intl.locale.requested` pref, given its language pack (Debian's firefox-esr-l10n-<lang>, which
 * scripts/test-all.sh installs); without the pack Firefox and omni-ai stay English.
 */
export async function launchFirefoxExtension({ language }: { language?: string } = {}): Promise<FirefoxExtensionSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    defaultViewport: { width: 1100, height: 800 },
    // Lets a BiDi script.evaluate run in the chrome scope (moz:scope "chrome"): BiDi itself refuses
    // to navigate a tab to a moz-extension:// page and has no API for the toolbar or the background.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: EXTENSION_UUID }),
      // The console of every page, the sidebar and the background page goes to stdout (read below),
      // not Firefox's own chrome code's. On a closed network Firefox's experiments loader logs
      // "console.error: RSLoader: …" through its own logger, which only its level pref silences.
      'devtools.console.stdout.content': true,
      'devtools.console.stdout.chrome': false,
      'messaging-system.log': 'off',
      ...(language ? { 'intl.locale.requested': language } : {}),
    },
  });

  const consoleErrors: string[] = [];
  const child = browser.process();
  for (const stream of [child?.stdout, child?.stderr])
    if (stream)
      readline.createInterface({ input: stream }).on('line', (line) => {
        if (isContentError(line)) consoleErrors.push(line);
      });

  const installed = await browser.installExtension(EXTENSION_DIR);
  if (installed !== GECKO_ID) throw new Error(`installed ${installed}, expected ${GECKO_ID}`);

  // Puppeteer's BiDi connection, for the two commands it has no API for (BidiBrowser#connection).
  const bidi = (browser as unknown as { connection: { send: (method: string, params: object) => Promise<{ result: unknown }> } })
    .connection;
  const { result } = (await bidi.send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
    result: { contexts: { context: string }[] };
  };
  const chromeWindow = result.contexts[0]!.context;

  const chrome = async <T>(body: string): Promise<T> => {
    const expression = `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const { ExtensionCommon } = ChromeUtils.importESModule('resource://gre/modules/ExtensionCommon.sys.mjs');
      const ext = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(GECKO_ID)});
      return JSON.stringify(await (async () => { ${body} })() ?? null);
    })()`;
    const { result: evaluated } = (await bidi.send('script.evaluate', {
      expression,
      target: { context: chromeWindow },
      awaitPromise: true,
      'moz:scope': 'chrome',
    })) as {
      result: { type: 'success'; result: { value: string } } | { type: 'exception'; exceptionDetails: { text: string } };
    };
    if (evaluated.type === 'exception') throw new Error(`in Firefox's chrome window: ${evaluated.exceptionDetails.text}`);
    return JSON.parse(evaluated.result.value) as T;
  };

  /** The page puppeteer sees for a tab that something other than puppeteer opened. */
  const newPageAfter = async (open: () => Promise<unknown>, url: string): Promise<Page> => {
    const before = new Set(await browser.pages());
    await open();
    for (const end = Date.now() + 10_000; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
      const page = (await browser.pages()).find((p) => !before.has(p));
      // Puppeteer keeps the about:blank it first saw as the URL of a tab the harness opened: ask the page.
      if (page && (await page.evaluate(() => document.readyState === 'complete' && location.href).catch(() => false)) === url)
        return page;
    }
    throw new Error(`the tab for ${url} did not load`);
  };

  const openExtensionPage = (file: string) => {
    const url = `${EXTENSION_ORIGIN}/${file}`;
    return newPageAfter(
      () =>
        chrome(`gBrowser.selectedTab = gBrowser.addTab(${JSON.stringify(url)}, {
          triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
        });`),
      url,
    );
  };

  return {
    browser,
    consoleErrors,
    openExtensionPage,
    openOptions: () => openExtensionPage('options.html'),
    openSidePanel: () => openExtensionPage('sidepanel.html'),
    openWebPage: async (url) => {
      const page = await browser.newPage();
      await page.goto(url);
      await page.bringToFront();
      return page;
    },
    chrome,
    terminateBackground: () =>
      chrome(`
        if (ext.backgroundState !== 'running') throw new Error('the background is ' + ext.backgroundState);
        await ext.terminateBackground({ disableResetIdleForTest: true });
        if (ext.backgroundState !== 'stopped') throw new Error('the background did not stop: ' + ext.backgroundState);
      `),
    close: () => browser.close(),
  };
}
