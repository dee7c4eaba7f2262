import os from 'node:os';
import type { ExtensionSession } from '../../test/e2e/harness/launch';
import type { startBenchServer } from './bench-server';
import { endTraceText, traceEvents, type TraceEvent } from './cdp-trace';
import { writeBenchModelSettings } from './write-settings';

interface Options {
  /** Rounds traced after round 0 (the panel's own first answer and the first start after install). */
  rounds: number;
  /** The trace's categories (a browser-wide trace: it sees the worker from its first instruction). */
  categories: string[];
  /** Whether round 0 is traced and reported too. */
  traceFirst?: boolean;
  /** How long after the answer's end the trace goes on (ms). */
  settleMs?: number;
}

type BenchServer = Awaited<ReturnType<typeof startBenchServer>>;

/**
 * The probes' cold Send, round after round: a question typed into a new chat, the worker stopped
 * (as Chrome stops an idle one), a browser-wide trace started, Enter, and the trace read once the
 * answer has ended. `onRound` gets each round's events and the 1-minute load as the round began.
 */
export async function tracedColdSends(
  ext: ExtensionSession,
  server: BenchServer,
  { rounds, categories, traceFirst = false, settleMs = 0 }: Options,
  onRound: (round: number, events: TraceEvent[], load: number) => Promise<void> | void,
): Promise<void> {
  await writeBenchModelSettings(ext, `${server.url}/v1`);
  const panel = await ext.openSidePanel();
  const box = panel.getByRole('textbox', { name: 'Message' });
  await box.waitFor({ timeout: 60_000 });
  const cdp = await ext.context.browser()!.newBrowserCDPSession();
  for (let i = 0; i <= rounds; i++) {
    const marker = `Qzcold${i}x`;
    server.setPlan({ tokens: [marker, ' and the rest.'], perTick: 1, tickMs: 1, firstTokenDelayMs: 30 });
    await panel.getByRole('button', { name: 'New chat' }).click();
    await box.fill(`Question ${i}`);
    await ext.stopServiceWorker(panel);
    await panel.waitForTimeout(300);
    const load = os.loadavg()[0]!;
    const traced = i > 0 || traceFirst;
    if (traced) await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: categories } });
    await panel.waitForTimeout(200);
    await box.press('Enter');
    const last = panel.getByRole('log').getByRole('article').last();
    await last.filter({ hasText: marker }).waitFor({ timeout: 60_000 });
    await last.and(panel.locator('[aria-busy="false"]')).waitFor({ timeout: 60_000 });
    if (!traced) continue;
    if (settleMs) await panel.waitForTimeout(settleMs);
    await onRound(i, traceEvents(await endTraceText(cdp)), load);
  }
}
