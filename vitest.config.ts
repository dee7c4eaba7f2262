import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  // WxtVitest: the `@/` alias, WXT's auto-imports, and `wxt/browser` replaced by an in-memory fake.
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
    // browser.i18n answers in English, as an en-US Chrome does (the fake browser has no i18n).
    setupFiles: ['test/unit/setup-i18n.ts'],
  },
});
