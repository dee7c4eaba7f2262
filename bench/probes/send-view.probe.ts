/**
 * What the panel derives at a Send in the bench's 1,000-message conversation before React commits
 * it (issue 13 target 2, bench/NOTES.md "A 1,000-message conversation", session 10), timed in Node
 * on the real modules: the store's view of the conversation with the question and its answer
 * appended, worked out in full (view) and from the view before (viewAfter); and the windowed log's
 * height estimates of every row, as the virtualizer asks for them when the rows change, without
 * and with each message's estimate kept (the first call for a message object is the old cost).
 *
 *   npx vitest run -c bench/probes/vitest.config.ts send-view
 *
 * PROBE_RUNS sends, 40 by default. Node's V8 is the panel's engine, not its load: read the pairs
 * against each other, not as the panel's absolute figures.
 */
import { it } from 'vitest';
import { thousandMessages } from '../long-conversation-benches';

const runs = Number(process.env.PROBE_RUNS ?? 40);

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const p95 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(values.length * 0.95) - 1)]!;
const figure = (values: number[]) => `${p50(values).toFixed(2)} (${p95(values).toFixed(2)}) ms`;

it('times a Send’s view and row estimates, full against incremental', { timeout: 600_000 }, async () => {
  const { view, viewAfter } = await import('@/lib/chat/chat-view');
  const { estimateRowHeight } = await import('@/components/chat/window-rows');
  const { defaultLeaf } = await import('@/lib/chat/conversation-tree');
  const conversation = thousandMessages(0);
  const messages = conversation.messages.map((m) => ({ ...m }));
  const before = view(messages, defaultLeaf(messages));

  const full: number[] = [];
  const incremental: number[] = [];
  const estimatesFirst: number[] = [];
  const estimatesKept: number[] = [];
  for (let i = 0; i < runs; i++) {
    const at = 2_000_000 + i;
    const user = { id: `q${i}`, role: 'user' as const, content: 'Question: and then?', status: 'done' as const, parentId: before.leafId!, at };
    const answer = { id: `a${i}`, role: 'assistant' as const, content: '', status: 'streaming' as const, parentId: user.id, at };
    const next = [...messages, user, answer];
    let t = performance.now();
    const a = view(next, answer.id);
    full.push(performance.now() - t);
    t = performance.now();
    const b = viewAfter(before, next, answer.id);
    incremental.push(performance.now() - t);
    if (a.entries.length !== b.entries.length || b.versions !== before.versions) throw new Error('the incremental view was not taken');

    // The rows as new message objects (as after a fresh open): the first estimate of each is the old per-Send cost.
    const rows = b.entries.map((e) => ({ ...e }));
    t = performance.now();
    for (const row of rows) estimateRowHeight(row);
    estimatesFirst.push(performance.now() - t);
    t = performance.now();
    for (const row of rows) estimateRowHeight(row);
    estimatesKept.push(performance.now() - t);
  }
  console.log(`${runs} sends in ${messages.length} messages, p50 (p95):`);
  console.log(`  view, full:               ${figure(full)}`);
  console.log(`  view, from the one before: ${figure(incremental)}`);
  console.log(`  row estimates, worked out: ${figure(estimatesFirst)}`);
  console.log(`  row estimates, kept:       ${figure(estimatesKept)}`);
});
