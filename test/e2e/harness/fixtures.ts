import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { EXTENSION_DIR, launchExtension, type ExtensionSession } from './launch';
import { keyedCopy, policyFile, type PolicyFile } from './policy-file';

/** An administrator's policy for omni-ai, as written under "3rdparty" → "extensions" → its ID. */
export type AdminPolicy = Record<string, unknown>;

interface Fixtures {
  /**
   * The admin policy installed before the browser starts: `test.use({ policy: {...} })`, `{}` for
   * an empty one a test changes later with setPolicy. None by default, and then no policy file.
   */
  policy: AdminPolicy | undefined;
  /** The browser's UI language, e.g. `test.use({ browserLanguage: 'de' })`; the machine's (en-US) by default. */
  browserLanguage: string | undefined;
  /** The extension folder the browser loads; with a policy, a copy with an ID of its own (policy-file.ts). */
  build: { dir: string; policyFile?: PolicyFile };
  /** Rewrites the policy while the browser runs (Chrome applies it about 5 s later); undefined removes it. */
  setPolicy: (policy: AdminPolicy | undefined) => Promise<void>;
  /** A fresh Chromium profile directory; relaunch on it to simulate a browser restart. */
  userDataDir: string;
  /** The built extension in Chromium. The test fails if any page or the service worker logged an error. */
  extension: ExtensionSession;
  /** Launches the browser again on the same profile (close the previous session first). */
  relaunch: () => Promise<ExtensionSession>;
}

export const test = base.extend<Fixtures>({
  policy: [undefined, { option: true }],
  browserLanguage: [undefined, { option: true }],
  build: async ({ policy }, use) => {
    if (policy === undefined) return use({ dir: EXTENSION_DIR });
    const copy = await keyedCopy(EXTENSION_DIR);
    const file = policyFile(copy.extensionId);
    // The file goes before the browser starts and is removed after it closed, whatever happened.
    try {
      await file.write(policy);
      await use({ dir: copy.dir, policyFile: file });
    } finally {
      await file.remove();
      await copy.remove();
    }
  },
  setPolicy: async ({ build }, use) => {
    await use(async (policy) => {
      if (!build.policyFile) throw new Error('setPolicy needs test.use({ policy }) (an empty {} will do)');
      await (policy === undefined ? build.policyFile.remove() : build.policyFile.write(policy));
    });
  },
  // eslint-disable-next-line no-empty-pattern
  userDataDir: async ({}, use) => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-e2e-'));
    await use(dir);
    await fs.rm(dir, { recursive: true, force: true });
  },
  extension: async ({ userDataDir, build, browserLanguage }, use) => {
    const session = await launchExtension(userDataDir, build.dir, { language: browserLanguage });
    await use(session);
    await session.close();
    expect(session.consoleErrors, 'console errors in the extension').toEqual([]);
  },
  relaunch: async ({ userDataDir, build, browserLanguage }, use) => {
    const sessions: ExtensionSession[] = [];
    await use(async () => {
      const session = await launchExtension(userDataDir, build.dir, { language: browserLanguage });
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
