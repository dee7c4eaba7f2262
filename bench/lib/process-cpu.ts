import fs from 'node:fs';
import type { CDPSession } from '@playwright/test';

/** Linux counts a thread's CPU time in clock ticks of 1/100 s (`getconf CLK_TCK`). */
const TICKS_PER_SECOND = 100;

interface ProcessSample {
  type: string;
  /** Seconds of CPU since the process started (user + system). */
  cpu: number;
  /** An extension's renderer (`--extension-process`): omni-ai's pages and its service worker. */
  extension: boolean;
  /** Seconds of CPU of each service-worker thread in the process, by thread id. */
  workerThreads: Map<number, number>;
  /** Seconds of CPU of a renderer's main thread (the page's: DOM, style, layout, its scripts). */
  mainThread: number;
  /** Every thread's CPU seconds, by thread id, with its name: for finding where a difference is. */
  threads: Map<number, { name: string; cpu: number }>;
}

/** Every Chromium process's CPU time at one moment. */
export type CpuSample = Map<number, ProcessSample>;

/** Where the CPU went between two samples, in seconds. */
export interface CpuSpent {
  /** All of Chromium's processes. */
  whole: number;
  browser: number;
  /** Every renderer process: pages, and the extension's service worker, which shares its pages' process. */
  renderers: number;
  /** The renderers' main threads (part of `renderers`): the pages' scripts, style, layout. */
  rendererMain: number;
  /** The extension's service-worker thread(s) alone (part of `renderers`). */
  worker: number;
  gpu: number;
  /** The network, storage and other utility processes. */
  utilities: number;
  /** Seconds by "process type: thread name" (names cut to 15 characters by Linux), for diagnosis. */
  byThread: Record<string, number>;
}

const read = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined; // the process or thread ended between listing and reading
  }
};

/** utime + stime of /proc/…/stat, in seconds; the command name in field 2 may hold spaces, so split after it. */
function statCpu(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

function threadsOf(pid: number): Map<number, { name: string; cpu: number }> {
  const threads = new Map<number, { name: string; cpu: number }>();
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads; // the process ended
  }
  for (const tid of tids) {
    const name = read(`/proc/${pid}/task/${tid}/comm`)?.trim();
    const stat = read(`/proc/${pid}/task/${tid}/stat`);
    if (name !== undefined && stat) threads.set(Number(tid), { name, cpu: statCpu(stat) });
  }
  return threads;
}

/**
 * Samples the CPU time of every Chromium process: the process list and types from CDP
 * `SystemInfo.getProcessInfo` (on a browser-level session), the times from /proc, which also splits
 * out the service worker's thread. Linux only (the bench machine).
 */
export async function sampleCpu(browserSession: CDPSession): Promise<CpuSample> {
  const { processInfo } = (await browserSession.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number; cpuTime: number }[] };
  const sample: CpuSample = new Map();
  for (const { type, id, cpuTime } of processInfo) {
    const stat = read(`/proc/${id}/stat`);
    // Chromium rewrites a renderer's command line as one string (setproctitle): match the flag as a word.
    const extension = type === 'renderer' && /(^|[\s\0])--extension-process([\s\0]|$)/.test(read(`/proc/${id}/cmdline`) ?? '');
    const threads = threadsOf(id);
    // Chromium names the worker's thread "ServiceWorker thread"; Linux keeps the first 15 characters.
    const workers = [...threads].filter(([, t]) => extension && t.name.startsWith('ServiceWorker')).map(([tid, t]) => [tid, t.cpu] as const);
    sample.set(id, {
      type,
      cpu: stat ? statCpu(stat) : cpuTime,
      extension,
      workerThreads: new Map(workers),
      mainThread: type === 'renderer' ? (threads.get(id)?.cpu ?? 0) : 0,
      threads,
    });
  }
  return sample;
}

/** The CPU spent between two samples; a process or thread that started in between counts from zero. */
export function cpuBetween(before: CpuSample, after: CpuSample): CpuSpent {
  const spent: CpuSpent = { whole: 0, browser: 0, renderers: 0, rendererMain: 0, worker: 0, gpu: 0, utilities: 0, byThread: {} };
  for (const [pid, now] of after) {
    const then = before.get(pid);
    const cpu = now.cpu - (then?.cpu ?? 0);
    spent.whole += cpu;
    if (now.type === 'browser') spent.browser += cpu;
    else if (now.type === 'renderer') {
      spent.renderers += cpu;
      spent.rendererMain += now.mainThread - (then?.mainThread ?? 0);
    }
    else if (now.type === 'GPU') spent.gpu += cpu;
    else spent.utilities += cpu;
    for (const [tid, threadCpu] of now.workerThreads) spent.worker += threadCpu - (then?.workerThreads.get(tid) ?? 0);
    for (const [tid, thread] of now.threads) {
      const key = `${now.type}${now.extension ? ' (extension)' : ''}: ${tid === pid ? 'main' : thread.name}`;
      spent.byThread[key] = (spent.byThread[key] ?? 0) + thread.cpu - (then?.threads.get(tid)?.cpu ?? 0);
    }
  }
  return spent;
}
