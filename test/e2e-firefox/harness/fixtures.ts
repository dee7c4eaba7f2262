import { test as base, expect } from '@playwright/test';
import { launchFirefoxExtension, type FirefoxExtensionSession } from './launch';

interface Fixtures {
  /**
   * The built extension in Firefox ESR, on a fresh profile. The test fails if any page, the sidebar
   * or the background page logged an error.
   */
  extension: FirefoxExtensionSession;
  /** The browser's UI language, e.g. `test.use({ browserLanguage: 'de' })`; English by default. */
  browserLanguage: string | undefined;
}

export const test = base.extend<Fixtures>({
  browserLanguage: [undefined, { option: true }],
  extension: async ({ browserLanguage }, use) => {
    const session = await launchFirefoxExtension({ language: browserLanguage });
    try {
      await use(session);
    } finally {
      await session.close();
    }
    expect(session.consoleErrors, 'console errors in the extension').toEqual([]);
  },
});

export { expect };
