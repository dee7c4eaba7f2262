import os from 'node:os';
import type { Page } from '@playwright/test';
import { sendMessage, storedMessages } from '../test/e2e/harness/chat';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import { longAnswer } from './browser-benches';
import { answerEndAt, watchAnswerEnd } from './lib/answer-end';
import { settledNewChat, settledPlainPage } from './lib/settled-pages';
import type { startBenchServer } from './lib/bench-server';
import type { Figure } from './lib/stats';
import { seededRandom } from './lib/seeded-random';

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

/** The last words of every answer here: the final paint must show them (the text is complete). */
const END_MARKER = 'That is the whole answer.';

/**
 * A 100,000-token answer that is one fenced TypeScript block of ~14,000 lines between a line of
 * prose and a closing line: a whole file of code, the worst case for highlighting (issue 13 §1).
 * Its lines mix what highlight.js colours (keywords, strings, numbers, comments, a multi-line
 * comment now and then); tokens are split as a model's are, a word or a symbol with its space.
 */
export function codeAnswer(tokens = 100_000, seed = 13): string[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const names = ['value', 'count', 'total', 'items', 'result', 'buffer', 'index', 'offset', 'label', 'entry'];
  const out: string[] = ['Here is the file you asked for:\n\n', '```ts\n'];
  for (let n = 0; out.length < tokens - 12; n++) {
    const name = `${pick(names)}${n}`;
    const line = pick([
      `export function ${name}(input: string, limit = ${Math.floor(random() * 1000)}): number {\n`,
      `  const ${name} = compute(${Math.floor(random() * 100)}, "text ${n}", [1, 2, 3]);\n`,
      `  if (${name} > ${Math.floor(random() * 50)} && ready) return ${name} * 2; // shortcut ${n}\n`,
      `  for (let i = 0; i < ${name}.length; i++) total += ${name}[i] ?? 0;\n`,
      `  /* a comment\n     over two lines */\n`,
      `  return { ${name}, label: \`item \${${name}}\` };\n}\n\n`,
    ]);
    out.push(...line.split(/(?<=[ \n(])/));
  }
  out.push('```', '\n\n', ...END_MARKER.split(/(?<= )/));
  return out;
}

/** The 20,000-token answer of §2 (prose and small code blocks), ending with the same marker. */
const proseAnswer = (): string[] => [...longAnswer(20_000 - 6), '\n\n', ...END_MARKER.split(/(?<= )/)];

interface FrameRun {
  /** Longest gap between two animation frames from Send (or the plain page's fetch) to the final paint. */
  maxGap: number;
  /** Long Animation Frames (≥ 50 ms) in that window: how many, the longest, and what ran in the longest. */
  loafCount: number;
  loafLongest: number;
  loafScripts: string;
  /** Long tasks (≥ 50 ms), the older API: the longest. */
  longTask: number;
  /** The answer as shown at its final paint ended with END_MARKER, and as stored was what the server sent. */
  complete: boolean;
}

declare global {
  interface Window {
    __frameWatch?: { start: () => void; stop: () => Omit<FrameRun, 'complete'> };
  }
}

/** Installs, in the page, the frame watcher: rAF gaps, Long Animation Frames and long tasks once started. */
async function installFrameWatch(page: Page): Promise<void> {
  await page.evaluate(() => {
    let startedAt = Infinity;
    let running = true;
    let maxGap = 0;
    let last = performance.now();
    const tick = (t: number) => {
      if (last >= startedAt) maxGap = Math.max(maxGap, t - last);
      last = t;
      if (running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
    type Loaf = PerformanceEntry & {
      renderStart: number;
      styleAndLayoutStart: number;
      scripts: { invoker: string; sourceFunctionName: string; duration: number }[];
    };
    const loafs: Loaf[] = [];
    const tasks: number[] = [];
    const loafObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => e.startTime >= startedAt && loafs.push(e as Loaf)));
    loafObserver.observe({ type: 'long-animation-frame' });
    const taskObserver = new PerformanceObserver((list) => list.getEntries().forEach((e) => e.startTime >= startedAt && tasks.push(e.duration)));
    taskObserver.observe({ type: 'longtask' });
    window.__frameWatch = {
      start: () => void (startedAt = performance.now()),
      stop: () => {
        running = false;
        // Entries of the last frame are delivered with the observer's next callback: take them now.
        loafObserver.takeRecords().forEach((e) => e.startTime >= startedAt && loafs.push(e as Loaf));
        taskObserver.takeRecords().forEach((e) => e.startTime >= startedAt && tasks.push(e.duration));
        loafObserver.disconnect();
        taskObserver.disconnect();
        const longest = loafs.reduce<Loaf | undefined>((a, b) => (!a || b.duration > a.duration ? b : a), undefined);
        // Where a long frame went: tasks before rendering, animation-frame callbacks (React's render
        // with the delta batcher), style and layout with paint; and when, from the start.
        const phases = (f: Loaf) =>
          `at +${(f.startTime - startedAt).toFixed(0)} ms ${f.duration.toFixed(0)} ms: tasks ${((f.renderStart || f.styleAndLayoutStart) - f.startTime).toFixed(0)} ms, ` +
          `rAF ${f.renderStart ? (f.styleAndLayoutStart - f.renderStart).toFixed(0) : 0} ms, ` +
          `style+layout ${(f.startTime + f.duration - f.styleAndLayoutStart).toFixed(0)} ms; scripts: ` +
          f.scripts.map((s) => `${s.invoker || s.sourceFunctionName} ${s.duration.toFixed(0)} ms`).join('; ');
        return {
          maxGap,
          loafCount: loafs.length,
          loafLongest: longest?.duration ?? 0,
          // The longest frame, then every long frame in order (up to 12), for BENCH_FRAMES_DETAIL.
          loafScripts: longest ? [phases(longest), ...loafs.slice(0, 12).map((f) => `  ${phases(f)}`)].join('\n        ') : '',
          longTask: Math.max(0, ...tasks),
        };
      },
    };
  });
}

async function omniAiRun(ext: ExtensionSession, expected: string, run: number): Promise<FrameRun> {
  const panel = await settledNewChat(ext);
  try {
    await installFrameWatch(panel);
    await watchAnswerEnd(panel);
    await panel.evaluate(() => window.__frameWatch!.start());
    await sendMessage(panel, `Frames ${run}`);
    await answerEndAt(panel);
    const frames = await panel.evaluate(() => window.__frameWatch!.stop());
    const shown = (await panel.getByRole('log').getByRole('article').last().locator('.content').textContent()) ?? '';
    const stored = (await storedMessages(panel)).filter((m) => m.role === 'assistant').sort((a, b) => b.at - a.at)[0]?.content;
    return { ...frames, complete: stored === expected && shown.trimEnd().endsWith(END_MARKER) };
  } finally {
    await panel.close();
  }
}

async function plainRun(ext: ExtensionSession, server: BenchServer, expected: string): Promise<FrameRun> {
  const plain = await settledPlainPage(ext, server);
  try {
    await installFrameWatch(plain);
    const shown = await plain.evaluate(async () => {
      window.__frameWatch!.start();
      await (window as unknown as { run: () => Promise<void> }).run();
      await new Promise((resolve) => requestAnimationFrame(resolve));
      return document.getElementById('out')!.textContent;
    });
    const frames = await plain.evaluate(() => window.__frameWatch!.stop());
    return { ...frames, complete: shown === expected };
  } finally {
    await plain.close();
  }
}

/**
 * One answer, streamed at 2,000 tokens/s to omni-ai's side panel and to the plain fetch+stream
 * page in turn, `pairs` times, alternating which goes first so a change in the machine's load falls
 * on both. Prints each pair as it goes (with the load), and BENCH_FRAMES_DETAIL=1 the scripts of
 * the panel's longest animation frame.
 */
async function pairsFor(ext: ExtensionSession, server: BenchServer, label: string, tokens: string[], pairs: number): Promise<Figure[]> {
  // 20 tokens every 10 ms: 2,000 tokens/s, as §2.
  server.setPlan({ tokens, perTick: 20, tickMs: 10, firstTokenDelayMs: 30 });
  const expected = tokens.join('');
  const omni: FrameRun[] = [];
  const plain: FrameRun[] = [];
  const load: number[] = [];
  for (let i = 0; i < pairs; i++) {
    load.push(os.loadavg()[0]!);
    if (i % 2 === 0) {
      omni.push(await omniAiRun(ext, expected, i));
      plain.push(await plainRun(ext, server, expected));
    } else {
      plain.push(await plainRun(ext, server, expected));
      omni.push(await omniAiRun(ext, expected, i));
    }
    const o = omni.at(-1)!;
    const p = plain.at(-1)!;
    console.log(
      `    ${label} pair ${i + 1}: gap omni-ai ${o.maxGap.toFixed(0)} / plain ${p.maxGap.toFixed(0)} ms; LoAF ≥ 50 ms omni-ai ${o.loafCount} (longest ${o.loafLongest.toFixed(0)}) / plain ${p.loafCount} (${p.loafLongest.toFixed(0)}); complete ${o.complete}/${p.complete}; load ${load.at(-1)!.toFixed(1)}`,
    );
    if (process.env.BENCH_FRAMES_DETAIL === '1' && o.loafScripts) console.log(`      longest frame ${o.loafScripts}`);
  }
  return [
    { name: `${label}: longest animation-frame gap, omni-ai`, unit: 'ms', values: omni.map((r) => r.maxGap) },
    { name: `${label}: longest animation-frame gap, plain page`, unit: 'ms', values: plain.map((r) => r.maxGap) },
    { name: `${label}: longest gap, omni-ai − plain (paired runs)`, unit: 'ms', values: omni.map((r, i) => r.maxGap - plain[i]!.maxGap), target: 'p95 ≤ 8 ms' },
    { name: `${label}: Long Animation Frames ≥ 50 ms, omni-ai`, unit: '', values: omni.map((r) => r.loafCount), target: '0' },
    { name: `${label}: longest Long Animation Frame, omni-ai (0 = none ≥ 50 ms)`, unit: 'ms', values: omni.map((r) => r.loafLongest), target: '< 50 ms' },
    { name: `${label}: Long Animation Frames ≥ 50 ms, plain page`, unit: '', values: plain.map((r) => r.loafCount) },
    { name: `${label}: longest long task, omni-ai (0 = none ≥ 50 ms)`, unit: 'ms', values: omni.map((r) => r.longTask), target: '< 50 ms' },
    { name: `${label}: longest long task, plain page`, unit: 'ms', values: plain.map((r) => r.longTask) },
    { name: `${label}: text complete at the final paint and as stored, omni-ai`, unit: `of ${pairs} runs`, values: [omni.filter((r) => r.complete).length], target: `${pairs}` },
    { name: `${label}: text complete, plain page`, unit: `of ${pairs} runs`, values: [plain.filter((r) => r.complete).length] },
    { name: `${label}: load average (1 min) as each pair started`, unit: '', values: load },
  ];
}

/**
 * 2c. Frames while streaming (issue 13 target 1): the longest gap between animation frames in the
 * side panel within 8 ms of the plain page's in the same run (p95), and no task of 50 ms or more,
 * for the 20,000-token answer of §2 and a 100,000-token answer that is mostly one fenced code block.
 */
export async function streamingFrames(ext: ExtensionSession, server: BenchServer, pairs: { prose: number; code: number }): Promise<Figure[]> {
  // 0 pairs skips an answer (BENCH_FRAMES_PAIRS=4,0: the prose answer alone, without 100 s of code streams).
  return [
    ...(pairs.prose > 0 ? await pairsFor(ext, server, '20,000 tokens, prose and code', proseAnswer(), pairs.prose) : []),
    ...(pairs.code > 0 ? await pairsFor(ext, server, '100,000 tokens, one code block', codeAnswer(), pairs.code) : []),
  ];
}
