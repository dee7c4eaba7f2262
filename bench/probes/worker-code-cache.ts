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
import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';
import { startBenchServer } from '../lib/bench-server';
import { tracedColdSends } from '../lib/cold-send-rounds';

const env = process.env;
const dir = env.PROBE_EXT ?? EXTENSION_DIR;
const CATEGORIES = ['v8', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'disabled-by-default-v8.compile', 'blink.user_timing'];

async function main() {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-codecache-'));
  const ext = await launchExtension(profile, dir);
  const server = await startBenchServer();
  const rounds = Number(env.PROBE_ROUNDS ?? 3);
  try {
    await tracedColdSends(ext, server, { rounds, categories: CATEGORIES, traceFirst: true, settleMs: 500 }, (i, events) => {
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
    });
  } finally {
    await ext.close();
    await server.close();
    await fs.rm(profile, { recursive: true, force: true });
  }
}

await main();
