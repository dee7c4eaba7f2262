// Renders the toolbar and store icons (public/icon/*.png) from their SVG sources in scripts/icons/,
// with the same Chromium the tests use. Each small size has its own drawing: a scaled-down 128 px
// icon turns to mush at 16 px, so the 16 and 32 px sources are drawn on their own pixel grid.
// Run after editing a source: node scripts/render-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';

const here = import.meta.dirname;
const sourceFor = (size) => path.join(here, 'icons', `icon-${size <= 16 ? 16 : size <= 32 ? 32 : 128}.svg`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-first-run', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ deviceScaleFactor: 1 });
for (const size of [16, 32, 48, 128]) {
  const svg = fs.readFileSync(sourceFor(size), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0;background:transparent">${svg}</body>`);
  await page.screenshot({ path: path.join(here, '..', 'public', 'icon', `${size}.png`), omitBackground: true });
}
await browser.close();
