/**
 * Where the side panel's main thread goes while an answer of §2c streams (issue 13 target 1,
 * bench/NOTES.md "Frames while streaming"): a CDP Profiler capture of the panel from Send to the
 * final paint, its self time summed by function (with its script), the top PROBE_TOP printed, and
 * the same for the stretch around the longest animation-frame gap (what the frame watcher misses:
 * it says a frame was long, not what ran in it).
 *
 *   PROBE_ANSWER=code|prose [PROBE_WARM=1] [PROBE_EARLY_MS=600] [PROBE_EXTENSION_DIR=dir] npx tsx bench/probes/frame-profile.ts
 *
 * Outside `npm run bench`: a profiler slows what it watches, so it explains figures, never makes them.
 */
import '../lib/node-extension-shim';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sendMessage } from '../../test/e2e/harness/chat';
import { EXTENSION_DIR, launchExtension } from '../../test/e2e/harness/launch';
import { longAnswer } from '../browser-benches';
import { codeAnswer } from '../frame-benches';
import { answerEndAt, watchAnswerEnd } from '../lib/answer-end';
import { startBenchServer } from '../lib/bench-server';
import { settledNewChat } from '../lib/settled-pages';
import { writeBenchModelSettings } from '../lib/write-settings';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const top = Number(process.env.PROBE_TOP ?? 25);
const buildDir = process.env.PROBE_EXTENSION_DIR ?? EXTENSION_DIR;
const sources = new Map<string, string[]>();

/** ` — ` and 50 characters of the built script where a function starts, to tell minified ones apart. */
function codeAt(key: string): string {
  const place = /(\/[^ ]+\.js):(\d+):(\d+)$/.exec(key);
  if (!place) return '';
  const file = path.join(buildDir, place[1]!);
  if (!sources.has(file)) sources.set(file, readFileSync(file, 'utf8').split('\n'));
  return ` — ${sources.get(file)![Number(place[2])]?.slice(Number(place[3]), Number(place[3]) + 50) ?? ''}`;
}

/** Self time by function between `from` and `to` (µs on the profile's clock), the top `top`. */
function selfTimes(profile: Profile, from = -Infinity, to = Infinity): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const totals = new Map<string, number>();
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    t += profile.timeDeltas[i]!;
    if (t < from || t > to) return;
    const { functionName, url, lineNumber, columnNumber } = byId.get(id)!.callFrame;
    // Minified names say little: the place, and the first characters of the code there (below).
    const key = `${(functionName || '(anonymous)').slice(0, 60)} ${url ? `${new URL(url).pathname}:${lineNumber}:${columnNumber}` : ''}`.trim();
    totals.set(key, (totals.get(key) ?? 0) + profile.timeDeltas[i]!);
  });
  const all = [...totals.values()].reduce((a, b) => a + b, 0);
  return [
    `total ${(all / 1000).toFixed(0)} ms`,
    ...[...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${key}${codeAt(key)}`),
  ];
}

const profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'probe-frames-'));
const ext = await launchExtension(profileDir, buildDir);
await ext.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
const server = await startBenchServer();
try {
  await writeBenchModelSettings(ext, `${server.url}/v1`);
  const tokens = process.env.PROBE_ANSWER === 'prose' ? longAnswer(20_000) : codeAnswer();
  server.setPlan({ tokens, perTick: 20, tickMs: 10, firstTokenDelayMs: 30 });

  // PROBE_WARM=1: one answer first, in a panel then closed, as every §2c run after the first finds it
  // (the panel reopens on that answer before New chat).
  if (process.env.PROBE_WARM === '1') {
    const first = await settledNewChat(ext);
    await watchAnswerEnd(first);
    await sendMessage(first, 'Warm');
    await answerEndAt(first);
    await first.close();
  }
  const panel = await settledNewChat(ext);
  await watchAnswerEnd(panel);
  // The longest gap between animation frames, and when (on the page's clock, as the profile's is not).
  await panel.evaluate(() => {
    const w = window as unknown as { __gap: { at: number; gap: number; origin: number } };
    w.__gap = { at: 0, gap: 0, origin: performance.timeOrigin };
    let last = performance.now();
    const tick = (t: number) => {
      if (t - last > w.__gap.gap) w.__gap = { ...w.__gap, at: last, gap: t - last };
      last = t;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const cdp = await ext.context.newCDPSession(panel);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const sentAt = await panel.evaluate(() => performance.now());
  await sendMessage(panel, 'Profile');
  await answerEndAt(panel);
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
  const gap = await panel.evaluate(() => (window as unknown as { __gap: { at: number; gap: number } }).__gap);
  console.log(`load ${os.loadavg()[0]!.toFixed(1)}; longest gap ${gap.gap.toFixed(0)} ms at +${(gap.at - sentAt).toFixed(0)} ms from Send`);
  console.log('Send to the final paint, self time by function:');
  for (const line of selfTimes(profile)) console.log(`  ${line}`);
  // The profile's clock is µs since an arbitrary origin; its first sample is about when Send was pressed.
  const from = profile.startTime + (gap.at - sentAt) * 1000;
  console.log('The longest gap, self time by function:');
  for (const line of selfTimes(profile, from, from + gap.gap * 1000)) console.log(`  ${line}`);
  // The first half-second after Send: where §2c's remaining long frames of the prose answer sit.
  const early = Number(process.env.PROBE_EARLY_MS ?? 600);
  console.log(`The first ${early} ms after Send, self time by function:`);
  for (const line of selfTimes(profile, profile.startTime, profile.startTime + early * 1000)) console.log(`  ${line}`);
  await panel.close();
} finally {
  await server.close();
  await ext.context.close();
  await fs.rm(profileDir, { recursive: true, force: true });
}
