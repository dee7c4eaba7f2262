/**
 * What rendering an answer allocates and collects (issue 13 target 2, bench/NOTES.md session 11
 * gc7): the long conversation's first scroll renders ~500 answers (the idle fill's and the rows'),
 * and a trace of it showed its long gaps to be mostly V8 GC. This bundles AnswerBuild (the fill's
 * renderer, the same code Markdown.tsx calls) from a source tree, loads it in a page of the built
 * extension (its CSP, its chrome.i18n, the bench's Chromium), renders the bench's seeded answer
 * (300 tokens: headings, paragraphs with a link and inline code, lists, TypeScript code blocks)
 * PROBE_N times, keeping the nodes as the fill does, and reports per answer: the time, the bytes V8
 * allocated (CDP HeapProfiler sampling, objects collected since counted), and the GC in a trace
 * (MinorGC/MajorGC on the page's main thread, outermost events only). Blink's own (Oilpan) objects
 * are not in the sampled bytes; their collection is in the GC time.
 *
 *   [PROBE_SRC=dir] [PROBE_EXT=dir] [PROBE_N=200] [PROBE_REPS=3] npx tsx bench/probes/render-garbage.ts
 *
 * PROBE_SRC the source tree bundled (default: this one), PROBE_EXT the build it runs in (default
 * .output/chrome-mv3; only its page, CSP and locales are used).
 */
import '../lib/node-extension-shim';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';
import { longAnswer } from '../browser-benches';
import { endTraceText, traceEvents } from '../lib/cdp-trace';

const env = process.env;
const root = path.resolve(env.PROBE_SRC ?? path.join(import.meta.dirname, '../..'));
const N = Number(env.PROBE_N ?? 200);
const REPS = Number(env.PROBE_REPS ?? 3);
const load = () => os.loadavg()[0]!.toFixed(1);

async function bundle(): Promise<string> {
  const shim = path.join(os.tmpdir(), 'render-garbage-browser-shim.js');
  await fs.writeFile(shim, 'export const browser = chrome;\n');
  const out = await build({
    entryPoints: [path.join(import.meta.dirname, 'render-garbage.entry.ts')],
    bundle: true,
    minify: !env.PROBE_TOP, // names, when asked where the bytes come from
    format: 'iife',
    write: false,
    target: 'chrome120',
    alias: { '@': root, 'wxt/browser': shim },
    nodePaths: [path.join(root, 'node_modules')],
    define: { ANSWER: JSON.stringify(longAnswer(300).join('')) },
  });
  return out.outputFiles[0]!.text;
}

/** The page's main-thread GC: outermost MinorGC/MajorGC events' time and count. */
function gcOf(text: string): { ms: number; minor: number; major: number } {
  const all = traceEvents(text);
  const mains = new Set(all.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const renderer = all.filter((e) => e.ph === 'X' && /^(MinorGC|MajorGC)$/.test(e.name) && mains.has(`${e.pid}:${e.tid}`));
  let ms = 0;
  let end = 0;
  let minor = 0;
  let major = 0;
  for (const e of renderer.sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue; // nested in one already counted
    end = e.ts + (e.dur ?? 0);
    ms += (e.dur ?? 0) / 1000;
    if (e.name === 'MinorGC') minor++;
    else major++;
  }
  return { ms, minor, major };
}

interface SampledNode {
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  selfSize: number;
  children: SampledNode[];
}

/** The functions that allocated most (self), per answer, with their callers' names: where the bytes come from. */
function printTop(head: SampledNode, count: number, n: number): void {
  const bySite = new Map<string, number>();
  const walk = (node: SampledNode, stack: string[]) => {
    const name = `${node.callFrame.functionName || '(anonymous)'}:${node.callFrame.columnNumber}`;
    const here = [...stack, name];
    if (node.selfSize) {
      const key = here.slice(-4).join(' < ');
      bySite.set(key, (bySite.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) walk(child, here);
  };
  walk(head, []);
  for (const [site, size] of [...bySite].sort((a, b) => b[1] - a[1]).slice(0, count)) console.log(`  ${(size / n / 1024).toFixed(0).padStart(5)} KB  ${site.split(' < ').reverse().join(' < ')}`);
}

const script = await bundle();
const ext = path.join(os.tmpdir(), `render-garbage-ext-${process.pid}`);
await fs.cp(path.resolve(env.PROBE_EXT ?? EXTENSION_DIR), ext, { recursive: true });
await fs.writeFile(path.join(ext, 'render-garbage.js'), script);
await fs.writeFile(path.join(ext, 'render-garbage.html'), '<!doctype html><meta charset="utf-8"><body><script src="render-garbage.js"></script>');
const profile = await fs.mkdtemp(path.join(os.tmpdir(), 'render-garbage-profile-'));
const session = await launchExtension(profile, ext);
try {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/render-garbage.html`);
  await page.waitForFunction(() => 'renderAnswers' in window);
  const cdp = await session.context.newCDPSession(page);
  await page.evaluate(() => (window as unknown as { renderAnswers(n: number): number }).renderAnswers(30)); // warm-up
  console.log(`source ${root}, ${N} answers a pass`);
  for (let rep = 0; rep < REPS; rep++) {
    await page.evaluate(() => (window as unknown as { dropKept(): void }).dropKept());
    await cdp.send('HeapProfiler.collectGarbage');
    // Pass 1: GC in a trace.
    const browserCdp = await session.context.browser()!.newBrowserCDPSession();
    await browserCdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['v8', 'devtools.timeline', 'disabled-by-default-v8.gc'], excludedCategories: ['*'] } });
    const ms = await page.evaluate((n) => (window as unknown as { renderAnswers(n: number): number }).renderAnswers(n), N);
    const gc = gcOf(await endTraceText(browserCdp));
    await browserCdp.detach();
    await page.evaluate(() => (window as unknown as { dropKept(): void }).dropKept());
    await cdp.send('HeapProfiler.collectGarbage');
    // Pass 2: V8's allocations, sampled, those collected since included.
    await cdp.send('HeapProfiler.startSampling', { samplingInterval: 8192, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true } as never);
    await page.evaluate((n) => (window as unknown as { renderAnswers(n: number): number }).renderAnswers(n), N);
    const { profile: sampled } = (await cdp.send('HeapProfiler.stopSampling')) as { profile: { head: SampledNode; samples: { size: number }[] } };
    const bytes = sampled.samples.reduce((sum, s) => sum + s.size, 0);
    if (env.PROBE_TOP && rep === 0) printTop(sampled.head, Number(env.PROBE_TOP), N);
    console.log(
      `rep ${rep}: ${(ms / N).toFixed(2)} ms/answer, V8 allocated ${(bytes / N / 1024).toFixed(0)} KB/answer, ` +
        `GC ${((gc.ms / N) * 1000).toFixed(0)} µs/answer (${gc.minor} minor, ${gc.major} major in ${N}), load ${load()}`,
    );
  }
} finally {
  await session.context.close();
  await fs.rm(profile, { recursive: true, force: true });
  await fs.rm(ext, { recursive: true, force: true });
}
