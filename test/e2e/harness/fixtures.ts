import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { launchExtension, type ExtensionSession } from './launch';

interface Fixtures {
  /** A fresh Chromium profile directory; relaunch on it to simulate a browser restart. */
  userDataDir: string;
  /** The built extension in Chromium. The test fails if any page or the service worker logged an error. */
  extension: ExtensionSession;
  /** Launches the browser again on the same profile (close the previous session first). */
  relaunch: () => Promise<ExtensionSession>;
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-e2e-'));
    await use(dir);
    await fs.rm(dir, { recursive: true, force: true });
  },
  extension: async ({ userDataDir }, use) => {
    const session = await launchExtension(userDataDir);
    await use(session);
    await session.close();
    expect(session.consoleErrors, 'console errors in the extension').toEqual([]);
  },
  relaunch: async ({ userDataDir }, use) => {
    const sessions: ExtensionSession[] = [];
    await use(async () => {
      const session = await launchExtension(userDataDir);
      sessions.push(session);
      return session;
    });
    for (const session of sessions) {
      await session.close();
      expect(session.consoleErrors, 'console errors after relaunch').toEqual([]);
    }
  },
});

export { expect };
