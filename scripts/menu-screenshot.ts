/**
 * Takes docs/screenshots/quick-actions-menu.png: the "Ask omni-ai" submenu on a selection, as
 * Chromium draws it. The menu is native (drawn by the browser, outside the page), so headless
 * Chromium and Playwright's page screenshots cannot show it; this script runs a real Chromium window
 * on a virtual X display (Xvfb), opens the menu with a right click, walks to the submenu with the
 * keyboard (xdotool), and captures the screen (xwd, cropped with ImageMagick).
 *
 *   npm run build && npm run screenshot:menu            # English
 *   LANGUAGE=de npm run screenshot:menu                 # the browser (and omni-ai) in German
 *
 * Needs Debian's xvfb, xdotool, x11-apps and imagemagick (installed here when missing, as .ci/run
 * installs Chromium). Not part of `npm test`: the picture is for the README.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_PATH, EXTENSION_DIR, extensionArgs } from '../test/e2e/harness/launch.ts';
import { startStaticSite } from '../test/servers/static-site.ts';

const language = process.env.LANGUAGE?.split(':')[0];
const OUT = path.resolve(import.meta.dirname, `../docs/screenshots/quick-actions-menu${language && language !== 'en' ? `-${language}` : ''}.png`);
const DISPLAY = ':97';

/** The extension's messages in the browser's language (English for one omni-ai does not have). */
const locale = language && fs.existsSync(path.resolve(import.meta.dirname, `../public/_locales/${language}`)) ? language : 'en';
const messages = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../public/_locales/${locale}/messages.json`), 'utf8')) as Record<string, { message: string }>;
const say = (key: string) => messages[key]!.message;
const USER_PROMPT: Record<string, string> = { en: 'Check tone', de: 'Ton prüfen', ja: '口調を確認' };
const SIZE = { width: 1120, height: 620 };

const sh = (command: string) => execFileSync('sh', ['-c', command], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, DISPLAY } });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function installTools() {
  const missing = ['Xvfb', 'xdotool', 'xwd', 'convert'].filter((tool) => {
    try {
      sh(`command -v ${tool}`);
      return false;
    } catch {
      return true;
    }
  });
  if (missing.length) sh('apt-get install -y --no-install-recommends xvfb xdotool x11-apps imagemagick >/dev/null');
}

async function main() {
  if (!fs.existsSync(path.join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build omni-ai first: npm run build');
  installTools();
  const xvfb = spawn('Xvfb', [DISPLAY, '-screen', '0', `${SIZE.width}x${SIZE.height}x24`, '-nolisten', 'tcp'], { stdio: 'ignore' });
  const site = await startStaticSite(
    `<!doctype html><title>Tides explained</title><style>body{font:18px/1.55 system-ui,sans-serif;max-width:600px;margin:32px 40px;color:#222}</style>
<h1>Tides explained</h1><p id="chosen">The moon pulls the oceans toward it, and the earth turns beneath the bulge it raises: two high tides a day, each a little later than the day before.</p>
<p>Spring tides come when the sun and the moon pull together, at new and full moon; neap tides when they pull at right angles.</p>`,
  );
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'omni-ai-menu-'));
  try {
    await pause(500); // Xvfb accepting clients
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: false,
      viewport: null,
      env: { ...process.env, DISPLAY },
      args: [
        ...extensionArgs(EXTENSION_DIR),
        '--window-position=0,0',
        `--window-size=${SIZE.width},${SIZE.height}`,
        // No "unsupported command-line flag" bar for the --no-sandbox Playwright needs as root.
        '--test-type',
      ],
    });
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const extensionId = new URL(worker.url()).host;

    // One prompt of the user's own, so the picture shows what the submenu is for. The options page
    // is in the browser's language: its controls are found by the names in that language's messages.
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('button', { name: say('prompt_add') }).click();
    await options.getByRole('textbox', { name: say('prompt_title'), exact: true }).fill(USER_PROMPT[locale] ?? USER_PROMPT.en!);
    await options.getByRole('textbox', { name: say('prompt_template'), exact: true }).fill('Is {{selection}} polite? Answer in {{language}}.');
    await options.getByRole('button', { name: say('prompt_save') }).click();
    await options.close();

    // The menu is rebuilt from the settings in the worker; wait for the user's prompt to be in it.
    const hasUserPrompt = () =>
      worker.evaluate(async () => {
        const stored = await chrome.storage.local.get('omni-ai:settings');
        const settings = stored['omni-ai:settings'] as { state: { prompts: { custom: { id: string }[] } } } | undefined;
        const id = settings?.state.prompts.custom[0]?.id;
        // contextMenus.update rejects for an item that does not exist (MACHINE.md).
        return id ? chrome.contextMenus.update(`ask-omni-ai/selection/user-${id}`, {}).then(() => true, () => false) : false;
      });
    for (let tries = 0; !(await hasUserPrompt()); tries++) {
      if (tries > 100) throw new Error('the user prompt never reached the context menu');
      await pause(100);
    }

    const page = context.pages()[0] ?? (await context.newPage());
    await page.bringToFront();
    await page.goto(site.url);
    await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('chosen')!);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    const chosen = (await page.locator('#chosen').boundingBox())!;
    await pause(500);
    await page.mouse.click(chosen.x + 40, chosen.y + 12, { button: 'right' });
    await pause(800);
    // The pointer leaves the menu, so no item is hovered; then Up selects the menu's last item
    // (Inspect), Up again "Ask omni-ai", and Right opens its submenu.
    sh(`xdotool mousemove ${SIZE.width - 5} ${SIZE.height - 5}`);
    await pause(300);
    for (const key of ['Up', 'Up', 'Right']) {
      sh(`xdotool key ${key}`);
      await pause(300);
    }
    await pause(700);
    // The page and both menus, without the browser's tab strip and toolbar.
    const top = (await page.evaluate(() => window.outerHeight - window.innerHeight)) + 12;
    sh(`xwd -root -silent | convert xwd:- -crop ${SIZE.width}x${SIZE.height - top - 15}+0+${top} +repage '${OUT}'`);
    console.log(`wrote ${path.relative(process.cwd(), OUT)}`);
    await context.close();
  } finally {
    await site.close();
    xvfb.kill();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

await main();
