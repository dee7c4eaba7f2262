import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StartUpWork } from '@/lib/background/start-up-work';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

/** A task that counts its runs. */
function counted() {
  const task = vi.fn(() => Promise.resolve('done'));
  return task;
}

describe('the worker’s deferred start-up work', () => {
  it('runs once, after the delay, not during the start', async () => {
    const work = new StartUpWork(300, 5000);
    const task = counted();
    work.defer(task);
    await vi.advanceTimersByTimeAsync(299);
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits while a run is starting, and runs as soon as its request has left', async () => {
    const work = new StartUpWork(300, 5000);
    const task = counted();
    work.defer(task);
    const release = work.hold();
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).not.toHaveBeenCalled();
    release();
    release(); // the fetch and the stream's end both release: once counts
    await vi.advanceTimersByTimeAsync(0);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits for every run that is starting, not only the first', async () => {
    const work = new StartUpWork(300, 5000);
    const task = counted();
    work.defer(task);
    const first = work.hold();
    const second = work.hold();
    await vi.advanceTimersByTimeAsync(400);
    first();
    await vi.advanceTimersByTimeAsync(100);
    expect(task).not.toHaveBeenCalled();
    second();
    await vi.advanceTimersByTimeAsync(0);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('is not held back for ever by a run that never lets go', async () => {
    const work = new StartUpWork(300, 5000);
    const task = counted();
    work.defer(task);
    work.hold();
    await vi.advanceTimersByTimeAsync(300 + 4999);
    expect(task).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('runs at once when something needs its result, and not again when the delay ends', async () => {
    const work = new StartUpWork(300, 5000);
    const task = counted();
    const now = work.defer(task);
    await expect(now()).resolves.toBe('done');
    expect(task).toHaveBeenCalledTimes(1);
    await expect(now()).resolves.toBe('done');
    await vi.advanceTimersByTimeAsync(1000);
    expect(task).toHaveBeenCalledTimes(1);
  });

  it('waits for a task already running when its result is asked for', async () => {
    const work = new StartUpWork(300, 5000);
    let finish!: () => void;
    const task = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const now = work.defer(task);
    await vi.advanceTimersByTimeAsync(300);
    let answered = false;
    void now().then(() => (answered = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(false);
    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(answered).toBe(true);
    expect(task).toHaveBeenCalledTimes(1);
  });
});
