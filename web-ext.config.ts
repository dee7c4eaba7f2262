import fs from 'node:fs';
import { defineWebExtConfig } from 'wxt';

// `npm run dev` opens this browser with the extension loaded: CHROMIUM_PATH, else Debian's
// Chromium when it is installed, else WXT asks you to load .output/chrome-mv3-dev yourself.
const chromium = process.env.CHROMIUM_PATH ?? (fs.existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineWebExtConfig({
  binaries: chromium ? { chrome: chromium } : {},
  // Chromium refuses to start as root with its sandbox on (containers, CI images).
  chromiumArgs: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
