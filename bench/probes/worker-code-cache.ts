/**
 * Whether a restarted worker's scripts are compiled from V8's code cache (issue 13 target 4,
 * bench/NOTES.md "A cold worker"): the cold-worker bench's Send (question typed, worker stopped with
 * CDP ServiceWorker.stopWorker, Enter) under a browser-wide trace of V8's compile events, which carry
 * for each script whether a cache was offered (`consumedCacheSize`), refused (`cacheRejected`) or
 * made (`v8.produceCache`, `producedCacheSize`). Round 0 is the first start after install.
 *
 *   [PROBE_EXT=dir] [PROBE_ROUNDS=n] npx tsx bench/probes/worker-code-cache.ts
 */
import '../lib/node-extension-shim';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { defaultSettings } from '../../lib/settings/parse-stored';
import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';
import { startBenchServer } from '../lib/bench-server';
import { writeSettings } from '../lib/write-settings';
import { endTraceText, traceEvents } from '../lib/cdp-trace';

const env = process.env;
const dir = env.PROBE_EXT ?? EXTENSION_DIR;
const CATEGORIES = ['v8', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.compile', 'blink.user_timing'];

async function main() {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-codecache-'));
  const ext = await launchExtension(profile, dir);
  const server = await startBenchServer();
  const rounds = Number(env.PROBE_ROUNDS ?? 3);
  try {
    const settings = defaultSettings();
    settings.provider = 'openai-compatible';
    settings.providers['openai-compatible'] = { ...settings.providers['openai-compatible'], baseURL: `${server.url}/v1`, apiKey: '', headers: {}, models: ['bench-model'] };
    await writeSettings(ext, settings);
    const panel = await ext.openSidePanel();
    const box = panel.getByRole('textbox', { name: 'Message' });
    await box.waitFor({ timeout: 60_000 });
    const cdp = await ext.context.browser()!.newBrowserCDPSession();
    for (let i = 0; i <= rounds; i++) {
      const marker = `Qzcache${i}x`;
      server.setPlan({ tokens: [marker, ' and the rest.'], perTick: 1, tickMs: 1, firstTokenDelayMs: 30 });
      await panel.getByRole('button', { name: 'New chat' }).click();
      await box.fill(`Question ${i}`);
      await ext.stopServiceWorker(panel);
      await panel.waitForTimeout(300);
      await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES } });
      await panel.waitForTimeout(200);
      await box.press('Enter');
      await panel.getByRole('log').getByRole('article').last().filter({ hasText: marker }).waitFor({ timeout: 60_000 });
      await panel.getByRole('log').getByRole('article').last().and(panel.locator('[aria-busy="false"]')).waitFor({ timeout: 60_000 });
      await panel.waitForTimeout(500);
      const events = traceEvents(await endTraceText(cdp));
      console.log(`round ${i} (load ${os.loadavg()[0]!.toFixed(1)})`);
      for (const e of events) {
        const text = JSON.stringify(e.args ?? {});
        if (!/compile|cache/i.test(e.name) || !/chrome-extension:\/\/[a-p]{32}\/[^"]*\.js/.test(text)) continue;
        const data = (e.args?.data ?? e.args ?? {}) as Record<string, unknown>;
        const url = String(data.url ?? data.fileName ?? /chrome-extension:\/\/[a-p]{32}(\/[^"]*\.js)/.exec(text)?.[1] ?? '?').replace(/^chrome-extension:\/\/[a-p]{32}/, '');
        const keep = ['consumedCacheSize', 'cacheRejected', 'producedCacheSize', 'cacheKind', 'notStreamedReason', 'streamed', 'eager', 'compileOptions', 'cacheConsumeOptions', 'cacheProduceOptions'];
        const detail = Object.fromEntries(Object.entries(data).filter(([k]) => keep.includes(k)));
        console.log(`  ${e.name} ${url} ${((e.dur ?? 0) / 1000).toFixed(2)} ms ${JSON.stringify(detail)}`);
      }
    }
  } finally {
    await ext.close();
    await server.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
}

await main();
