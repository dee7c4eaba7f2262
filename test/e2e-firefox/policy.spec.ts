import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startStaticSite } from '../servers/static-site';
import { chooseFromContextMenu, closeSidebar } from './harness/browser-ui';
import { GECKO_ID, launchFirefoxExtension, type FirefoxExtensionSession } from './harness/launch';
import { byRole } from './harness/ui';

// Firefox reads enterprise policy from policies.json at start (MACHINE.md), and hands an add-on's
// `3rdparty` entry to it as storage.managed, unchecked: omni-ai's own validation is all there is.
const POLICY_FILE = process.env.FIREFOX_POLICY_FILE ?? '/etc/firefox/policies/policies.json';

const PAGE = '<!doctype html><title>Payroll</title><h1>Payroll</h1><p id="salaries">Salaries for November.</p>';

/** What omni-ai's sidebar shows in its alerts, read from the sidebar's own document. */
function sidebarAlerts(extensionPage: import('puppeteer-core').Page): Promise<string[]> {
  return extensionPage.evaluate(() => {
    const views = (globalThis as unknown as { browser: typeof chrome }).browser.extension.getViews({ type: 'sidebar' } as never);
    return views.flatMap((view) => [...view.document.querySelectorAll('[role="alert"]')].map((el) => el.textContent?.trim() ?? ''));
  });
}

test('a policies.json policy: hidden providers, and a blocked site whose selection never reaches the sidebar', async () => {
  const site = await startStaticSite(PAGE);
  const policy = {
    policies: {
      '3rdparty': {
        Extensions: {
          [GECKO_ID]: { allowedProviders: ['openai', 'anthropic'], pageBlockedSites: [`${new URL(site.url).origin}/*`] },
        },
      },
    },
  };
  await fs.mkdir(path.dirname(POLICY_FILE), { recursive: true });
  // 'wx': a policies.json already there (a real one, or one a killed run left) is never overwritten.
  await fs.writeFile(POLICY_FILE, JSON.stringify(policy), { flag: 'wx' });
  let extension: FirefoxExtensionSession | undefined;
  try {
    extension = await launchFirefoxExtension();
    const options = await extension.openOptions();
    const provider = await byRole(options, 'combobox', 'Provider');
    await expect
      .poll(() => provider.evaluate((el) => [...(el as HTMLSelectElement).options].map((o) => o.textContent)))
      .toEqual(['OpenAI', 'Anthropic']);

    const page = await extension.openWebPage(site.url);
    await closeSidebar(extension); // Firefox opens an add-on's sidebar when it is installed
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('salaries')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    await chooseFromContextMenu(extension, page, '#salaries', 'Ask…');
    await expect
      .poll(() => sidebarAlerts(options))
      .toContainEqual(expect.stringContaining(`Your organization does not allow omni-ai to read pages from ${new URL(site.url).host}`));
    expect(extension.consoleErrors, 'console errors in the extension').toEqual([]);
  } finally {
    await extension?.close();
    await fs.rm(POLICY_FILE, { force: true });
    await site.close();
  }
});
