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

function workerThreads(pid: number): Map<number, number> {
  const threads = new Map<number, number>();
  let tids: string[];
  try {
    tids = fs.readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads; // the process ended
  }
  for (const tid of tids) {
    // Chromium names the thread "ServiceWorker thread"; Linux keeps the first 15 characters.
    if (!read(`/proc/${pid}/task/${tid}/comm`)?.startsWith('ServiceWorker')) continue;
    const stat = read(`/proc/${pid}/task/${tid}/stat`);
    if (stat) threads.set(Number(tid), statCpu(stat));
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
    const main = type === 'renderer' ? read(`/proc/${id}/task/${id}/stat`) : undefined;
    sample.set(id, {
      type,
      cpu: stat ? statCpu(stat) : cpuTime,
      extension,
      workerThreads: extension ? workerThreads(id) : new Map(),
      mainThread: main ? statCpu(main) : 0,
    });
  }
  return sample;
}

/** The CPU spent between two samples; a process or thread that started in between counts from zero. */
export function cpuBetween(before: CpuSample, after: CpuSample): CpuSpent {
  const spent: CpuSpent = { whole: 0, browser: 0, renderers: 0, rendererMain: 0, worker: 0, gpu: 0, utilities: 0 };
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
  }
  return spent;
}
