/**
 * What a stopped worker's `importScripts` of the openai SDK costs, for two builds of its script
 * (issue 13 §4, bench/NOTES.md "A cold worker", session 11 sdkslim): two tiny extensions in one
 * browser, each a worker that imports its copy of openai-sdk.js when a port connects and notes how
 * long the call took; stopped (CDP ServiceWorker.stopWorker) and woken alternately, so both have
 * the same browser, load and code-cache state. The bench's cold-worker section has the same figure
 * inside a whole Send, where its 10 runs leave a few ms of difference in the noise.
 *
 *   PROBE_A=dir PROBE_B=dir [PROBE_RUNS=n] npx tsx bench/probes/sdk-import.ts
 *
 * Each dir is a build (.output/chrome-mv3); only its openai-sdk.js is used. The first two rounds
 * are dropped (Chrome compiles the script and writes its code cache there).
 * Outside `npm run bench`: it compares builds, which the bench does not have.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_PATH, extensionArgs, stopWorkerOf } from '../../test/e2e/harness/launch';

const runs = Number(process.env.PROBE_RUNS ?? 30);
const builds = [process.env.PROBE_A, process.env.PROBE_B];
if (!builds[0] || !builds[1]) throw new Error('PROBE_A and PROBE_B: two builds to compare');

// As omni-ai does (lib/background/import-sdk-scripts-on-install.ts): a script not imported while
// the worker installs is refused later, so the install imports it once and Chrome keeps it.
const WORKER = `self.addEventListener('install', () => importScripts('/openai-sdk.js'));
chrome.runtime.onConnect.addListener(() => {
  const start = performance.now();
  importScripts('/openai-sdk.js');
  self.importMs = performance.now() - start;
});
`;

const dirs: string[] = [];
for (const [i, build] of builds.entries()) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), `probe-sdk-${'AB'[i]}-`));
  const name = `sdk ${'AB'[i]}: ${build}`;
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ manifest_version: 3, name, version: '1.0', background: { service_worker: 'bg.js' } }));
  await fs.writeFile(path.join(dir, 'bg.js'), WORKER);
  await fs.writeFile(path.join(dir, 'options.html'), '<!doctype html><title>probe</title>');
  await fs.copyFile(path.join(build!, 'openai-sdk.js'), path.join(dir, 'openai-sdk.js'));
  dirs.push(dir);
}

const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'probe-profile-'));
const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: extensionArgs(dirs.join(',')) });
try {
  while (context.serviceWorkers().length < dirs.length) await context.waitForEvent('serviceworker');
  const probes: { name: string; id: string; worker: Worker; page: Page; times: number[] }[] = [];
  for (const worker of context.serviceWorkers()) {
    const id = new URL(worker.url()).host;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${id}/options.html`);
    probes.push({ name: await worker.evaluate(() => chrome.runtime.getManifest().name), id, worker, page, times: [] });
  }
  probes.sort((a, b) => a.name.localeCompare(b.name));
  const loads: number[] = [];
  for (let i = 0; i < runs + 2; i++) {
    loads.push(os.loadavg()[0]!);
    for (const probe of i % 2 ? [...probes].reverse() : probes) {
      await stopWorkerOf(context, probe.page, `chrome-extension://${probe.id}/`);
      await probe.page.evaluate(() => void chrome.runtime.connect({ name: 'probe' }));
      await new Promise((r) => setTimeout(r, 300));
      const worker = context.serviceWorkers().find((w) => w.url().includes(probe.id)) ?? probe.worker;
      const ms = await worker.evaluate(() => (self as unknown as { importMs?: number }).importMs ?? Number.NaN);
      if (i >= 2) probe.times.push(ms);
    }
  }
  const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]!.toFixed(1);
  for (const probe of probes) console.log(`${probe.name}: importScripts p50 ${p(probe.times, 0.5)} ms, p90 ${p(probe.times, 0.9)} ms (${probe.times.map((t) => t.toFixed(1)).join(', ')})`);
  const [a, b] = probes;
  console.log(`paired B − A: p50 ${p(b!.times.map((t, i) => t - a!.times[i]!), 0.5)} ms`);
  console.log(`load (1 min) ${Math.min(...loads).toFixed(1)} to ${Math.max(...loads).toFixed(1)}, ${os.cpus().length} cores`);
} finally {
  await context.close();
  await fs.rm(profile, { recursive: true, force: true });
  for (const dir of dirs) await fs.rm(dir, { recursive: true, force: true });
}
