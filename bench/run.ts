import './lib/node-extension-shim';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CHROMIUM_PATH, EXTENSION_DIR, launchExtension } from '../test/e2e/harness/launch';
import { coldOpen, firstTokenLatency, heapAfterConversation, streaming } from './browser-benches';
import { bundleSizes } from './bundle-size';
import { streamingCpu } from './cpu-benches';
import { streamingFrames } from './frame-benches';
import { coldConcurrency, idleDay, simulatedHour } from './gateway-benches';
import { yearOfHistory } from './history-benches';
import { startBenchServer } from './lib/bench-server';
import { longConversation } from './long-conversation-benches';
import { coldWorker } from './worker-benches';
import { summarise, type Figure } from './lib/stats';
import { writeBenchModelSettings } from './lib/write-settings';

// Runs per measurement; BENCH_QUICK=1 for a fast check of the scripts themselves.
const quick = process.env.BENCH_QUICK === '1';
/** A comma-separated list of run counts (BENCH_LONG_RUNS, BENCH_FRAMES_PAIRS). */
const counts = (list: string) => list.split(',').map(Number);
const RUNS = {
  firstToken: quick ? 3 : 30,
  streaming: quick ? 1 : 5,
  coldOpen: quick ? 3 : 20,
  gateway: quick ? 1 : 5,
  coldWorker: quick ? 2 : 10,
  history: quick ? 2 : 10,
  // BENCH_LONG_RUNS=1,1,10 sets them (cold opens, scrolls of the last panel, first-token pairs, and
  // optionally fresh panels whose first scroll is measured, 1 if left out) for an A/B run of one figure.
  long: process.env.BENCH_LONG_RUNS
    ? (([open, scroll, firstToken, firstScroll]) => ({ open: open!, scroll: scroll!, firstToken: firstToken!, firstScroll: firstScroll ?? 1 }))(
        counts(process.env.BENCH_LONG_RUNS),
      )
    : { open: quick ? 3 : 20, scroll: quick ? 2 : 5, firstToken: quick ? 3 : 20, firstScroll: quick ? 1 : 5 },
  // Pairs (omni-ai, plain page) for §2c: the 100,000-token answer takes 50 s a stream.
  // BENCH_FRAMES_PAIRS=3,2 sets them (prose, code) for a shorter A/B run.
  frames: process.env.BENCH_FRAMES_PAIRS
    ? (([prose, code]) => ({ prose: prose!, code: code! }))(counts(process.env.BENCH_FRAMES_PAIRS))
    : { prose: quick ? 1 : 10, code: quick ? 1 : 4 },
};
// BENCH_ONLY=history (or coldworker, long, frames, cpu) runs that section alone (it prints its figures and writes no RESULTS.md).
const only = process.env.BENCH_ONLY;

async function main() {
  // BENCH_PROFILE=dir keeps the browser profile for the next run: the 10,000 conversations seeded
  // in it, and a worker installed long before (whether Chrome's code cache helps, issue 13 §4).
  const kept = process.env.BENCH_PROFILE;
  const profile = kept ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-bench-')));
  // BENCH_EXTENSION_DIR=dir measures another build (one copied aside before a change, for A/B runs).
  const ext = await launchExtension(profile, process.env.BENCH_EXTENSION_DIR ?? EXTENSION_DIR);
  // tsx (esbuild) names functions with a __name helper; the functions we evaluate in pages need it.
  await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const server = await startBenchServer();
  const figures: { section: string; figures: Figure[] }[] = [];
  const loadAtStart = os.loadavg();
  const section = async (name: string, run: () => Promise<Figure[]> | Figure[]) => {
    process.stdout.write(`… ${name}\n`);
    const loadBefore = os.loadavg()[0] ?? 0;
    const result = await run();
    figures.push({ section: name, figures: result });
    // The machine is shared: each figure says how loaded it was while measured.
    const load = `load ${loadBefore.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)}`;
    for (const f of result) {
      const s = summarise(f);
      console.log(
        `  ${f.name}${f.note ? ` (${f.note})` : ''}: p50 ${s.p50}, p95 ${s.p95} (${s.runs} run${s.runs > 1 ? 's' : ''})${f.target ? `  target ${f.target}` : ''}  [${load}]`,
      );
    }
  };
  try {
    // The side panel talks to the bench server as an OpenAI-compatible provider.
    await writeBenchModelSettings(ext, `${server.url}/v1`);

    if (only === 'coldworker') {
      await section('1b. First token from a stopped service worker', () => coldWorker(ext, server, RUNS.coldWorker));
      return;
    }
    if (only === 'long') {
      await section('4b. A 1,000-message conversation', () => longConversation(ext, server, RUNS.long));
      return;
    }
    if (only === 'cpu') {
      await section('2b. CPU of the 20,000-token answer, Send to last paint, beside the plain page', () => streamingCpu(ext, server, RUNS.streaming));
      return;
    }
    if (only === 'frames') {
      await section('2c. Frames while streaming, beside the plain page', () => streamingFrames(ext, server, RUNS.frames));
      return;
    }
    if (only === 'history') {
      await section('5. A year of history', () => yearOfHistory(ext, RUNS.history));
      return;
    }
    await section('1. Added latency to the first token', () => firstTokenLatency(ext, server, RUNS.firstToken));
    await section('1b. First token from a stopped service worker', () => coldWorker(ext, server, RUNS.coldWorker));
    // The panel reopens the latest conversation: measured here with a short one, and again below
    // after the 20,000-token answer.
    const openShort = await coldOpen(ext, RUNS.coldOpen, 'latest conversation short');
    await section('2. Streaming a 20,000-token answer at 2,000 tokens/s', () => streaming(ext, server, RUNS.streaming));
    await section('2b. CPU of the 20,000-token answer, Send to last paint, beside the plain page', () => streamingCpu(ext, server, RUNS.streaming));
    await section('2c. Frames while streaming, beside the plain page', () => streamingFrames(ext, server, RUNS.frames));
    await section('3. Token gateway', async () => [
      ...(await coldConcurrency(ext, RUNS.gateway)),
      ...(await simulatedHour()),
      ...(await idleDay()),
    ]);
    await section('4. Side panel', async () => [
      ...openShort,
      ...(await coldOpen(ext, RUNS.coldOpen, 'latest conversation a 20,000-token answer')),
      ...bundleSizes(),
      ...(await heapAfterConversation(ext, server)),
    ]);
    // It leaves a 1,000-message conversation as the latest one, so the cold-open figures come first.
    await section('4b. A 1,000-message conversation', () => longConversation(ext, server, RUNS.long));
    // Last: 10,000 conversations stay in this profile.
    await section('5. A year of history', () => yearOfHistory(ext, RUNS.history));
    if (ext.consoleErrors.length) console.log(`console errors during the run:\n${ext.consoleErrors.join('\n')}`);

    const browserVersion = ext.context.browser()?.version() ?? 'unknown';
    const pkg = JSON.parse(await fs.readFile(path.resolve(import.meta.dirname, '../package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const lines = [
      '# Benchmark results',
      '',
      `Written by \`npm run bench\` on ${new Date().toISOString()}${quick ? ' (BENCH_QUICK: too few runs to trust)' : ''}.`,
      '',
      `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.type()} ${os.release()}. ` +
        `Node ${process.version}; Chromium ${browserVersion} (headless, ${CHROMIUM_PATH}); WXT ${pkg.devDependencies.wxt}, React ${pkg.dependencies.react}, ` +
        `openai ${pkg.dependencies.openai}, @anthropic-ai/sdk ${pkg.dependencies['@anthropic-ai/sdk']}.`,
      '',
      `Load average (1, 5, 15 min) at the start: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')}; at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (${os.cpus().length} cores, shared with other work).`,
      '',
      'Shared, noisy machines: read p50 for the typical case and p95 for the tail. Every figure comes from the built extension in',
      'Chromium against loopback servers, except the simulated hour and day, which run the real gateway on a virtual clock.',
      '',
    ];
    for (const { section: name, figures: fs_ } of figures) {
      lines.push(`## ${name}`, '', '| measure | p50 | p95 | runs | target |', '| --- | --- | --- | --- | --- |');
      for (const f of fs_) {
        const s = summarise(f);
        lines.push(`| ${f.name}${f.note ? ` (${f.note})` : ''} | ${s.p50} | ${s.p95} | ${s.runs} | ${f.target ?? ''} |`);
      }
      lines.push('');
    }
    const notes = await fs.readFile(path.resolve(import.meta.dirname, 'NOTES.md'), 'utf8').catch(() => '');
    await fs.writeFile(path.resolve(import.meta.dirname, 'RESULTS.md'), `${lines.join('\n')}\n${notes}`);
    console.log('wrote bench/RESULTS.md');
  } finally {
    await server.close();
    await ext.close();
    if (!kept) await fs.rm(profile, { recursive: true, force: true });
  }
}

await main();
