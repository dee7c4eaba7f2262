/**
 * Where a stopped worker's start goes (issue 13 §4, bench/NOTES.md "A cold worker"): a worker of
 * two lines and two builds of omni-ai, in one browser, stopped (CDP ServiceWorker.stopWorker) and
 * woken alternately, each reporting ms from its time origin to its script's first line.
 *
 *   PROBE_A=dir PROBE_B=dir npx tsx bench/probes/worker-start.ts
 *
 * Each dir is a copy of a build (.output/chrome-mv3) with the manifest's `key` removed and its
 * `name` changed (two copies with one key would have one ID). PROBE_RUNS rounds, 12 by default.
 * Outside `npm run bench`: it compares builds, which the bench does not have.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_PATH, extensionArgs, stopWorkerOf } from '../../test/e2e/harness/launch';

const runs = Number(process.env.PROBE_RUNS ?? 12);
const tiny = await fs.mkdtemp(path.join(os.tmpdir(), 'probe-tiny-'));
await fs.writeFile(path.join(tiny, 'manifest.json'), JSON.stringify({ manifest_version: 3, name: 'probe-tiny', version: '1.0', background: { service_worker: 'bg.js' } }));
await fs.writeFile(path.join(tiny, 'bg.js'), "performance.mark('omni-ai:script-start');\nchrome.runtime.onConnect.addListener(() => undefined);\n");
await fs.writeFile(path.join(tiny, 'options.html'), '<!doctype html><title>probe</title>');
const dirs = [tiny, process.env.PROBE_A, process.env.PROBE_B].filter((d): d is string => !!d);

const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'probe-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: extensionArgs(dirs.join(',')),
});
try {
  while (context.serviceWorkers().length < dirs.length) await context.waitForEvent('serviceworker');
  const probes: { name: string; id: string; worker: Worker; page: Page; starts: number[] }[] = [];
  for (const worker of context.serviceWorkers()) {
    const id = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    probes.push({ name: await worker.evaluate(() => chrome.runtime.getManifest().name), id, worker, page, starts: [] });
  }
  const stop = ({ page, id }: (typeof probes)[number]) => stopWorkerOf(context, page, `chrome-extension://${id}/`);
  const loads: number[] = [];
  for (let i = 0; i < runs; i++) {
    loads.push(os.loadavg()[0]!);
    for (const probe of i % 2 ? [...probes].reverse() : probes) {
      await stop(probe);
      // Opening a port starts the worker (omni-ai's chat port; the tiny worker listens too).
      await probe.page.evaluate(() => void chrome.runtime.connect({ name: 'chat' }));
      await new Promise((r) => setTimeout(r, 300));
      probe.starts.push(await probe.worker.evaluate(() => performance.getEntriesByName('omni-ai:script-start')[0]?.startTime ?? Number.NaN));
    }
  }
  const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!.toFixed(0);
  for (const p of probes) console.log(`${p.name}: time origin → first line p50 ${p50(p.starts)} ms (${p.starts.map((t) => t.toFixed(0)).join(', ')})`);
  const names = await Promise.all(dirs.map(async (d) => (JSON.parse(await fs.readFile(path.join(d, 'manifest.json'), 'utf8')) as { name: string }).name));
  const [a, b] = names.slice(1).map((name) => probes.find((p) => p.name === name));
  if (a && b) console.log(`paired ${b.name} − ${a.name}: p50 ${p50(b.starts.map((t, i) => t - a.starts[i]!))} ms`);
  console.log(`load (1 min) ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}, ${os.cpus().length} cores`);
} finally {
  await context.close();
  await fs.rm(profile, { recursive: true, force: true });
  await fs.rm(tiny, { recursive: true, force: true });
}
