/**
 * What the worker does with a send in the bench's 1,000-message conversation before it asks the
 * provider (issue 13 target 2, bench/NOTES.md "A 1,000-message conversation", session 8), timed in
 * Node on the real modules: the send as the panel builds it (sendTurnsOf), then the worker's read
 * and fit in the old order (every reference read back from the worker's cache, then fitted) and in
 * the new one (fitted from the references, then only the kept ones read back), to the request
 * (providerMessages). The cache is warm, as after the panel's `warm`; the model gets the 32,768-token
 * default, as bench-model does.
 *
 *   npx vitest run -c bench/probes/vitest.config.ts fit-before-read
 *
 * PROBE_RUNS sends per order, 30 by default. Node's V8 is the worker's engine, but not its load:
 * read the two orders against each other, not as the worker's absolute figures.
 */
import { it } from 'vitest';
import { thousandMessages } from '../long-conversation-benches';

const runs = Number(process.env.PROBE_RUNS ?? 30);

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;

it('times the worker’s read and fit of a send, old order against new', { timeout: 600_000 }, async () => {
  const { sendTurnsOf } = await import('@/lib/chat/chat-store');
  const { fitToContext } = await import('@/lib/chat/context-budget');
  const { readPath, TurnCache } = await import('@/lib/chat/read-path');
  const { turnOf } = await import('@/lib/chat/turn-of');
  const { providerMessages } = await import('@/lib/chat/provider-messages');
  const { contextTokens } = await import('@/lib/providers/context-sizes');
  const conversation = thousandMessages(0);
  const records = conversation.messages.map((m) => ({ ...m, conversationId: conversation.id }));
  const question = { id: 'new-question', parentId: records.at(-1)!.id, role: 'user' as const, content: 'Question 500: and then?', status: 'done' as const };
  const window = contextTokens('bench-model');
  const noRead = () => Promise.reject(new Error('the probe reads from the cache only'));

  /** A worker's cache after `warm`: every finished turn, as objects of their own. */
  const warmCache = () => {
    const cache = new TurnCache();
    cache.put(conversation.id, records.map((record) => turnOf(record, () => '')));
    return cache;
  };
  /** The panel's entries: new objects per panel, so its first send estimates them all. */
  const panelEntries = () => [...records.map((record) => ({ ...record })), question];

  const timings = { panelFirst: [] as number[], panelLater: [] as number[], port: [] as number[], oldAgain: [] as number[], old: [] as number[], new: [] as number[] };
  let kept = 0;
  let portBytes = 0;
  for (let run = 0; run < runs; run++) {
    const entries = panelEntries();
    const stored = new Set(records.map((record) => record.id));
    let start = performance.now();
    const first = sendTurnsOf(entries, stored).messages;
    timings.panelFirst.push(performance.now() - start);
    start = performance.now();
    sendTurnsOf(entries, stored);
    timings.panelLater.push(performance.now() - start);
    // As the port delivers it: JSON (Chrome's extension messaging serialises it so), a copy.
    start = performance.now();
    const json = JSON.stringify(first);
    const sent = JSON.parse(json) as typeof first;
    timings.port.push(performance.now() - start);
    portBytes = json.length;

    for (const order of run % 2 ? (['new', 'old'] as const) : (['old', 'new'] as const)) {
      // A fresh cache each time, warmed outside the timing, so neither order finds the other's estimates.
      const cache = warmCache();
      const deps = { unwritten: () => [], cache, read: noRead, readByIds: noRead };
      start = performance.now();
      let messages;
      if (order === 'old') {
        const turns = await readPath(conversation.id, sent, deps);
        messages = providerMessages(fitToContext(turns!, window).turns);
      } else {
        const fitted = fitToContext(sent, window);
        messages = providerMessages((await readPath(conversation.id, fitted.turns, deps))!);
      }
      timings[order].push(performance.now() - start);
      kept = messages.length;
      if (order === 'old') {
        // The same send again on the same cache: a long-lived worker's turns keep their estimates.
        start = performance.now();
        const again = await readPath(conversation.id, sent, deps);
        providerMessages(fitToContext(again!, window).turns);
        timings.oldAgain.push(performance.now() - start);
      }
    }
  }
  const line = (name: string, values: number[]) => `${name}: p50 ${p50(values).toFixed(2)} ms, p95 ${p95(values).toFixed(2)} ms`;
  console.log(
    [
      `fit-before-read probe: ${records.length + 1} turns sent, ${kept} kept (${window} tokens), ${runs} sends per order`,
      line('panel, sendTurnsOf, every estimate counted (done when the panel is idle after opening)', timings.panelFirst),
      line('panel, sendTurnsOf, estimates already counted (a Send)', timings.panelLater),
      line(`the send's turns through JSON (${Math.round(portBytes / 1024)} KB of references), stringify and parse`, timings.port),
      line('worker, old order: read all back from the cache, fit, providerMessages', timings.old),
      line('worker, old order, the next send on the same cache (estimates memoised)', timings.oldAgain),
      line('worker, new order: fit from the references, read the kept back, providerMessages', timings.new),
    ].join('\n'),
  );
});
