import { test as base, expect } from '@playwright/test';
import { launchFirefoxExtension, type FirefoxExtensionSession } from './launch';

interface Fixtures {
  /**
   * The built extension in Firefox ESR, on a fresh profile. The test fails if any page, the sidebar
   * or the background page logged an error.
   */
  extension: FirefoxExtensionSession;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  extension: async ({}, use) => {
    const session = await launchFirefoxExtension();
    try {
      await use(session);
    } finally {
      await session.close();
    }
    expect(session.consoleErrors, 'console errors in the extension').toEqual([]);
  },
});

export { expect };
