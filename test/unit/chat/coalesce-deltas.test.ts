import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatServerMessage } from '@/lib/messaging/chat-port';
import { coalesceDeltas, DELTA_INTERVAL_MS, MIN_UPDATES_PER_SECOND } from '@/lib/messaging/coalesce-deltas';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const delta = (text: string, runId = 'r'): ChatServerMessage => ({ type: 'delta', runId, text });

function port() {
  const posted: ChatServerMessage[] = [];
  const deltas = coalesceDeltas((m) => void posted.push(m), DELTA_INTERVAL_MS, () => Date.now());
  return { posted, deltas };
}

describe('coalesceDeltas', () => {
  it('posts the first delta at once and joins the next ones into one message per interval', () => {
    const { posted, deltas } = port();
    deltas.send(delta('a'));
    expect(posted).toEqual([delta('a')]); // the first token waits for nothing
    // 2,000 tokens/s: one every half millisecond, for 48 ms.
    let sent = 'a';
    for (let i = 1; i < 96; i++) {
      vi.advanceTimersByTime(0.5);
      deltas.send(delta(`${i} `));
      sent += `${i} `;
    }
    vi.advanceTimersByTime(DELTA_INTERVAL_MS);
    expect(posted.length).toBeLessThanOrEqual(1 + Math.ceil(48 / DELTA_INTERVAL_MS));
    expect(posted.map((m) => (m.type === 'delta' ? m.text : '')).join('')).toBe(sent);
  });

  it('a fast stream reaches the panel at least 30 times a second, and at most 40 (each message costs the browser process a hop)', () => {
    const { posted, deltas } = port();
    // The bench's provider: 20 tokens every 10 ms (2,000 tokens/s), for 2 s.
    for (let tick = 0; tick < 200; tick++) {
      for (let i = 0; i < 20; i++) deltas.send(delta('x '));
      vi.advanceTimersByTime(10);
    }
    const perSecond = posted.length / 2;
    expect(perSecond).toBeGreaterThanOrEqual(MIN_UPDATES_PER_SECOND);
    expect(perSecond).toBeLessThanOrEqual(41);
    expect(posted.map((m) => (m.type === 'delta' ? m.text : '')).join('')).toBe('x '.repeat(4_000));
  });

  it('posts a slow provider’s every delta at once', () => {
    const { posted, deltas } = port();
    for (const text of ['one ', 'two ', 'three']) {
      deltas.send(delta(text));
      expect(posted.at(-1)).toEqual(delta(text));
      vi.advanceTimersByTime(DELTA_INTERVAL_MS + 1);
    }
    expect(posted).toHaveLength(3);
  });

  it('posts the deltas it holds before any other message, so nothing overtakes the text before it', () => {
    const { posted, deltas } = port();
    deltas.send(delta('Hello'));
    deltas.send(delta(', wor'));
    deltas.send(delta('ld'));
    deltas.send({ type: 'done', runId: 'r', reason: 'stop' });
    expect(posted).toEqual([delta('Hello'), delta(', world'), { type: 'done', runId: 'r', reason: 'stop' }]);
    vi.advanceTimersByTime(DELTA_INTERVAL_MS);
    expect(posted).toHaveLength(3); // nothing is posted twice
  });

  it('never joins the deltas of two runs', () => {
    const { posted, deltas } = port();
    deltas.send(delta('a1', 'a'));
    deltas.send(delta('a2', 'a'));
    deltas.send(delta('b1', 'b'));
    vi.advanceTimersByTime(DELTA_INTERVAL_MS);
    expect(posted).toEqual([delta('a1', 'a'), delta('a2', 'a'), delta('b1', 'b')]);
  });

  it('posts nothing more once cancelled (the port closed)', () => {
    const { posted, deltas } = port();
    deltas.send(delta('a'));
    deltas.send(delta('b'));
    deltas.cancel();
    vi.advanceTimersByTime(DELTA_INTERVAL_MS * 2);
    expect(posted).toEqual([delta('a')]);
  });
});
