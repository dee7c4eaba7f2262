import os from 'node:os';
import { sendMessage } from '../test/e2e/harness/chat';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import { longAnswer } from './browser-benches';
import { answerEndAt, watchAnswerEnd } from './lib/answer-end';
import { settledNewChat, settledPlainPage } from './lib/settled-pages';
import type { startBenchServer } from './lib/bench-server';
import { cpuBetween, sampleCpu, type CpuSpent } from './lib/process-cpu';
import type { Figure } from './lib/stats';

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

/** The CPU Chromium spends on `work`, from its start to its promise resolving (the last paint). */
async function measureCpu(ext: ExtensionSession, work: () => Promise<unknown>): Promise<CpuSpent> {
  const cdp = await ext.context.browser()!.newBrowserCDPSession();
  try {
    const before = await sampleCpu(cdp);
    await work();
    return cpuBetween(before, await sampleCpu(cdp));
  } finally {
    await cdp.detach();
  }
}

async function omniAiAnswer(ext: ExtensionSession, run: number): Promise<CpuSpent> {
  const panel = await settledNewChat(ext);
  try {
    await watchAnswerEnd(panel);
    return await measureCpu(ext, async () => {
      await sendMessage(panel, `Long answer ${run}`);
      await answerEndAt(panel);
    });
  } finally {
    await panel.close();
  }
}

async function plainAnswer(ext: ExtensionSession, server: BenchServer): Promise<CpuSpent> {
  const plain = await settledPlainPage(ext, server);
  try {
    return await measureCpu(ext, () =>
      plain.evaluate(async () => {
        await (window as unknown as { run: () => Promise<void> }).run();
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }),
    );
  } finally {
    await plain.close();
  }
}

const ms = (seconds: number) => seconds * 1000;

/** BENCH_THREADS=1: each thread's CPU (ms, mean of the runs), omni-ai beside the plain page, largest first. */
function printThreads(omni: CpuSpent[], plain: CpuSpent[]) {
  const mean = (runs: CpuSpent[], key: string) => ms(runs.reduce((sum, r) => sum + (r.byThread[key] ?? 0), 0) / runs.length);
  const keys = [...new Set([...omni, ...plain].flatMap((r) => Object.keys(r.byThread)))];
  const rows = keys.map((key) => ({ key, omni: mean(omni, key), plain: mean(plain, key) })).filter((r) => r.omni + r.plain >= 20);
  rows.sort((a, b) => b.omni + b.plain - (a.omni + a.plain));
  for (const r of rows) console.log(`    ${r.key.padEnd(48)} omni-ai ${r.omni.toFixed(0).padStart(6)} ms   plain ${r.plain.toFixed(0).padStart(6)} ms`);
}

/**
 * 2b. Where the CPU goes while a 20,000-token answer streams at 2,000 tokens/s, from Send to the
 * last paint, per Chromium process, beside the plain page streaming the same answer in the same
 * browser (the limit). The two alternate which goes first, run by run, so that a change in the
 * machine's load falls on both.
 */
export async function streamingCpu(ext: ExtensionSession, server: BenchServer, runs: number): Promise<Figure[]> {
  server.setPlan({ tokens: longAnswer(), perTick: 20, tickMs: 10, firstTokenDelayMs: 30 });
  const omni: CpuSpent[] = [];
  const plain: CpuSpent[] = [];
  const load: number[] = [];
  for (let i = 0; i < runs; i++) {
    load.push(os.loadavg()[0]!);
    if (i % 2 === 0) {
      omni.push(await omniAiAnswer(ext, i));
      plain.push(await plainAnswer(ext, server));
    } else {
      plain.push(await plainAnswer(ext, server));
      omni.push(await omniAiAnswer(ext, i));
    }
  }
  if (process.env.BENCH_THREADS === '1') printThreads(omni, plain);
  const figure = (name: string, of: CpuSpent[], part: Exclude<keyof CpuSpent, 'byThread'>, extra: Partial<Figure> = {}): Figure => ({
    name,
    unit: 'ms',
    values: of.map((c) => ms(c[part])),
    ...extra,
  });
  return [
    figure('CPU, all of Chromium: omni-ai', omni, 'whole'),
    figure('CPU, all of Chromium: plain page (the limit)', plain, 'whole'),
    {
      name: 'CPU, all of Chromium: omni-ai ÷ plain page (paired runs)',
      unit: '%',
      values: omni.map((c, i) => (100 * c.whole) / plain[i]!.whole),
      target: '≤ 115 %',
    },
    figure('CPU, browser process: omni-ai', omni, 'browser', { target: '< 1000 ms' }),
    figure('CPU, browser process: plain page', plain, 'browser'),
    figure('CPU, renderers: omni-ai (side panel and service worker share one)', omni, 'renderers'),
    figure('CPU, renderers: plain page', plain, 'renderers'),
    figure('CPU, of which the renderers’ main threads: omni-ai (the side panel’s)', omni, 'rendererMain'),
    figure('CPU, of which the renderers’ main threads: plain page', plain, 'rendererMain'),
    figure('CPU, of which omni-ai’s service-worker thread', omni, 'worker'),
    figure('CPU, GPU process: omni-ai', omni, 'gpu'),
    figure('CPU, GPU process: plain page', plain, 'gpu'),
    figure('CPU, network, storage and other utility processes: omni-ai', omni, 'utilities'),
    figure('CPU, network, storage and other utility processes: plain page', plain, 'utilities'),
    { name: 'Load average (1 min) as each pair started (the machine is shared)', unit: '', values: load },
  ];
}
