import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CoalescedWriter } from '@/lib/chat/coalesced-writer';
import type { MessageRecord, WriteOutcome } from '@/lib/chat/conversation-db';
import { recordRun, WRITE_INTERVAL_MS, type RunRecords } from '@/lib/chat/record-run';
import type { StorageProblem } from '@/lib/chat/storage-problem';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** Lets every pending promise callback run (fake timers do not advance them). */
const settle = () => vi.advanceTimersByTimeAsync(0);

describe('CoalescedWriter', () => {
  it('writes at most once per interval while values keep coming, always the newest, one write at a time', async () => {
    const written: number[] = [];
    const writer = new CoalescedWriter<number>(async (v) => void written.push(v), { intervalMs: 500, onError: () => undefined }, () => Date.now());
    writer.push(1); // the first goes at once
    await settle();
    for (let v = 2; v <= 100; v++) {
      writer.push(v);
      await vi.advanceTimersByTimeAsync(10); // a delta every 10 ms, for about a second
    }
    // 100 values over 990 ms: the first at once, then the newest at 500 ms, never more.
    expect(written).toEqual([1, 51]);
    await writer.flush(); // the end: the newest at once, without waiting for 1,000 ms
    expect(written).toEqual([1, 51, 100]);
  });

  it('flushes the newest value at once, after the write under way, and resolves when it is written', async () => {
    let release!: () => void;
    const written: string[] = [];
    const writer = new CoalescedWriter<string>(
      (v) => new Promise<void>((resolve) => (release = () => resolve(void written.push(v)))),
      { intervalMs: 10_000, onError: () => undefined },
      () => Date.now(),
    );
    writer.push('a'); // in flight
    writer.push('b');
    writer.push('c');
    let flushed = false;
    void writer.flush().then(() => (flushed = true));
    await settle();
    release(); // 'a' lands; 'c' goes at once, without waiting for the interval
    await settle();
    expect(flushed).toBe(false);
    release();
    await settle();
    expect(written).toEqual(['a', 'c']);
    expect(flushed).toBe(true);
  });

  it('reports each failed write, and the next value writes again', async () => {
    const errors: unknown[] = [];
    const written: number[] = [];
    let fail = true;
    const writer = new CoalescedWriter<number>(
      async (v) => {
        if (fail) throw new DOMException('full', 'QuotaExceededError');
        written.push(v);
      },
      { intervalMs: 0, onError: (e) => errors.push(e) },
    );
    writer.push(1);
    await settle();
    expect(errors).toHaveLength(1);
    fail = false;
    writer.push(2);
    await writer.flush();
    expect(written).toEqual([2]);
  });

  it('writes nothing more once closed', async () => {
    const written: number[] = [];
    const writer = new CoalescedWriter<number>(async (v) => void written.push(v), { intervalMs: 500, onError: () => undefined }, () => Date.now());
    writer.push(1);
    await settle();
    writer.push(2); // waits for the interval
    writer.close();
    writer.push(3);
    await vi.advanceTimersByTimeAsync(1_000);
    await writer.flush();
    expect(written).toEqual([1]);
  });
});

const answer: MessageRecord = {
  id: 'run',
  conversationId: 'c',
  at: 2,
  role: 'assistant',
  content: '',
  provider: 'anthropic',
  model: 'm',
  status: 'streaming',
};
const user: MessageRecord = { id: 'u', conversationId: 'c', at: 1, role: 'user', content: 'Hi', status: 'done' };

function recorder(store: (r: RunRecords) => Promise<WriteOutcome>) {
  const reports: (StorageProblem | undefined)[] = [];
  const gone = vi.fn();
  const run = recordRun({ answer, user }, { report: (p) => reports.push(p), gone }, store);
  return { run, reports, gone };
}

describe('recordRun', () => {
  it('stores the question and the empty answer at once, then the answer byte for byte as the deltas joined', async () => {
    const stored: RunRecords[] = [];
    const { run } = recorder(async (r) => {
      stored.push(structuredClone(r));
      return 'written';
    });
    await settle();
    expect(stored[0]).toEqual({ answer, user, replaces: undefined });
    const deltas = ['Hé', 'llo', ' wör', 'ld 🌍', '\n```js\n', 'x', '\n```'];
    for (const text of deltas) run.record({ type: 'delta', runId: 'run', text });
    run.record({ type: 'done', runId: 'run', reason: 'stop', usage: { outputTokens: 7 } });
    await run.finish();
    const last = stored.at(-1)!;
    expect(last.answer).toEqual({ ...answer, content: deltas.join(''), status: 'done', finishReason: 'stop', usage: { outputTokens: 7 } });
    expect(last.user).toBeUndefined(); // stored once is enough
  });

  it('writes a 20-second answer a bounded number of times, not once per delta', async () => {
    let writes = 0;
    const { run } = recorder(async () => {
      writes++;
      return 'written';
    });
    for (let i = 0; i < 2_000; i++) {
      run.record({ type: 'delta', runId: 'run', text: 'token ' });
      await vi.advanceTimersByTimeAsync(10);
    }
    run.record({ type: 'done', runId: 'run', reason: 'stop' });
    await run.finish();
    // 2,000 deltas over 20 s: about 20 s / WRITE_INTERVAL_MS writes, plus the first and the last.
    expect(writes).toBeLessThanOrEqual(20_000 / WRITE_INTERVAL_MS + 2);
    expect(writes).toBeGreaterThanOrEqual(20_000 / WRITE_INTERVAL_MS - 1);
  });

  it('reports a failure once, keeps the question for the next write, and says when all is stored again', async () => {
    const stored: RunRecords[] = [];
    let fail = true;
    const { run, reports } = recorder(async (r) => {
      if (fail) throw new DOMException('Quota exceeded.', 'QuotaExceededError');
      stored.push(r);
      return 'written';
    });
    await settle();
    run.record({ type: 'delta', runId: 'run', text: 'a' });
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS);
    expect(reports).toHaveLength(1); // the same problem twice is said once
    expect(reports[0]).toMatchObject({ kind: 'quota', message: expect.stringMatching(/^Not saved: .*Free disk space/) });
    fail = false;
    run.record({ type: 'done', runId: 'run', reason: 'stop' });
    await run.finish();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.user).toEqual(user); // the question that could not be stored goes with it
    expect(stored[0]!.answer.content).toBe('a');
    expect(reports).toEqual([reports[0], undefined]);
  });

  it('stops writing, and says so, when its conversation is gone', async () => {
    let writes = 0;
    const { run, gone } = recorder(async () => {
      writes++;
      return 'gone';
    });
    await settle();
    expect(gone).toHaveBeenCalledTimes(1);
    run.record({ type: 'delta', runId: 'run', text: 'late' });
    run.record({ type: 'error', runId: 'run', error: { kind: 'aborted', message: 'Stopped' }, stopped: true });
    await run.finish();
    expect(writes).toBe(1);
  });

  it('names each record once it is stored in its final form: the question at its first write, the answer at its last', async () => {
    let fail = true;
    const final: MessageRecord[] = [];
    const run = recordRun(
      { answer, user },
      { report: () => undefined, gone: () => undefined, final: (r) => final.push(structuredClone(r)) },
      async () => {
        if (fail) throw new DOMException('Quota exceeded.', 'QuotaExceededError');
        return 'written';
      },
    );
    await settle();
    expect(final).toEqual([]); // not stored: the next send must not take it as stored
    fail = false;
    run.record({ type: 'delta', runId: 'run', text: 'Hel' });
    await vi.advanceTimersByTimeAsync(WRITE_INTERVAL_MS);
    // The question, stored with the streaming answer, which is not final yet.
    expect(final).toEqual([user]);
    run.record({ type: 'delta', runId: 'run', text: 'lo' });
    run.record({ type: 'done', runId: 'run', reason: 'stop' });
    await run.finish();
    expect(final).toEqual([user, { ...answer, content: 'Hello', status: 'done', finishReason: 'stop', usage: undefined }]);
  });

  it('names no record of a conversation gone', async () => {
    const final = vi.fn();
    const run = recordRun({ answer: { ...answer, status: 'done' }, user }, { report: () => undefined, gone: () => undefined, final }, async () => 'gone');
    await run.finish();
    expect(final).not.toHaveBeenCalled();
  });

  it('writes nothing after drop()', async () => {
    let writes = 0;
    const { run } = recorder(async () => {
      writes++;
      return 'written';
    });
    await settle();
    run.drop();
    run.record({ type: 'delta', runId: 'run', text: 'late' });
    await run.finish();
    expect(writes).toBe(1);
  });
});
