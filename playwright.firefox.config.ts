import { defineConfig } from '@playwright/test';

// The same end-to-end tests' conventions in Firefox ESR: the Playwright runner and its `expect`,
// with puppeteer-core driving Firefox over WebDriver BiDi (Playwright's own Firefox is a patched
// build that cannot be downloaded here, and does not load extensions).
export default defineConfig({
  testDir: 'test/e2e-firefox',
  // Each test starts its own Firefox with the extension; two cores run one at a time reliably.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: 0,
  reporter: 'list',
  forbidOnly: !!process.env.CI,
});
