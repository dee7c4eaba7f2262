import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../bench/lib/seeded-random';
import { view, viewAfter, type ChatView } from '@/lib/chat/chat-view';
import { latestLeaf } from '@/lib/chat/conversation-tree';

interface Message {
  id: string;
  role: 'user' | 'assistant';
  at?: number;
  parentId?: string | null;
  status: 'streaming' | 'done';
}

describe('viewAfter', () => {
  const q = (id: string, at: number, parentId: string | null | undefined): Message => ({ id, role: 'user', at, parentId, status: 'done' });
  const a = (id: string, at: number, parentId: string | null | undefined, status: Message['status'] = 'done'): Message => ({ id, role: 'assistant', at, parentId, status });

  it('extends the path shown by a question and its answer, keeping the earlier path and versions as they were', () => {
    const messages = [q('q1', 1, null), a('a1', 2, 'q1'), a('a1b', 3, 'q1')];
    const before = view(messages, 'a1b');
    const after = viewAfter(before, [...messages, q('q2', 4, 'a1b'), a('a2', 5, 'q2', 'streaming')], 'a2');
    expect(after).toEqual(view(after.messages, 'a2'));
    expect(after.entries.map((m) => m.id)).toEqual(['q1', 'a1b', 'q2', 'a2']);
    expect(after.versions).toBe(before.versions);
    expect(after.streaming).toBe(true);
  });

  it('works a question that becomes a version of another out in full', () => {
    // The leaf shown (q1, after a question was given back) already has an answer: a1 and the new a1b are versions.
    const messages = [q('q1', 1, null), a('a1', 2, 'q1')];
    const before = view(messages, 'q1');
    const after = viewAfter(before, [...messages, a('a1b', 3, 'q1')], 'a1b');
    expect(after.versions).toEqual({ a1b: { ids: ['a1', 'a1b'], index: 1 } });
  });

  /**
   * Random conversations edited as the panel edits them, each step's view worked out from the one
   * before (viewAfter) and in full (view): they must be equal, the path made of the same objects.
   */
  it('equals the full view over seeded random trees and edits', () => {
    let reused = 0;
    let steps = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const next = seededRandom(seed);
      const pick = <T,>(xs: readonly T[]): T | undefined => xs[Math.floor(next() * xs.length)];
      let clock = 0;
      let id = 0;
      /** Mostly later than everything, sometimes the same ms, now and then earlier (a clock set back), or none (a test's entry). */
      const at = () => {
        const r = next();
        if (r < 0.05) return undefined;
        if (r < 0.12) return Math.floor(next() * clock);
        if (r < 0.25) return clock;
        return ++clock;
      };
      // Sometimes stored before branching: no parentIds, the order of writing gives them.
      const legacy = next() < 0.3 ? Math.floor(next() * 6) : 0;
      const messages: Message[] = [];
      for (let i = 0; i < legacy; i++) messages.push(i % 2 ? a(`m${id++}`, ++clock, undefined) : q(`m${id++}`, ++clock, undefined));
      let state: ChatView<Message> = view(messages, messages.at(-1)?.id);

      for (let step = 0; step < 40; step++) {
        const { messages: all, entries } = state;
        let messagesNext = all;
        let leaf = state.leafId;
        const r = next();
        const onPath = pick(entries);
        if (r < 0.45) {
          // Send: a question below the leaf shown, and its answer (streaming, or already done).
          // Now and then with an id the conversation has (a record written twice), or naming no parent.
          const user = q(next() < 0.03 && all.length ? pick(all)!.id : `m${id++}`, at() ?? 0, next() < 0.03 ? undefined : (entries.at(-1)?.id ?? null));
          if (next() < 0.05) delete user.at;
          const answer = a(next() < 0.02 ? user.id : `m${id++}`, at() ?? 0, user.id, next() < 0.5 ? 'streaming' : 'done');
          messagesNext = [...all, user, answer];
          leaf = answer.id;
        } else if (r < 0.55 && onPath?.role === 'user') {
          // Edit: a sibling of a question on the path, with an answer.
          const i = entries.indexOf(onPath);
          const user = q(`m${id++}`, at() ?? 0, entries[i - 1]?.id ?? null);
          const answer = a(`m${id++}`, at() ?? 0, user.id);
          messagesNext = [...all, user, answer];
          leaf = answer.id;
        } else if (r < 0.65 && onPath?.role === 'assistant') {
          // Regenerate: a sibling of an answer on the path.
          const i = entries.indexOf(onPath);
          const answer = a(`m${id++}`, at() ?? 0, entries[i - 1]?.id ?? null);
          messagesNext = [...all, answer];
          leaf = answer.id;
        } else if (r < 0.72) {
          // Switch to another version, and the branch written last below it.
          const target = pick(Object.values(state.versions).flatMap((v) => v.ids));
          if (target) leaf = latestLeaf(messagesNext.map((m) => ({ ...m, at: m.at ?? 0 })), target);
        } else if (r < 0.8) {
          // Delete: a question given back, or a message gone, the view shown down to some message.
          const gone = pick(all);
          messagesNext = all.filter((m) => m !== gone);
          leaf = pick(messagesNext)?.id;
        } else if (r < 0.86) {
          // Retry: the last answer replaced.
          const last = entries.at(-1);
          if (last?.role === 'assistant') {
            const answer = a(`m${id++}`, at() ?? 0, last.parentId);
            messagesNext = [...all.filter((m) => m !== last), answer];
            leaf = answer.id;
          }
        } else if (r < 0.93) {
          // An answer ends: one message patched in both lists, as the store does (no new view).
          const streamingOne = all.find((m) => m.status === 'streaming');
          if (streamingOne) {
            const done = { ...streamingOne, status: 'done' as const };
            const swap = (m: Message) => (m === streamingOne ? done : m);
            state = { ...state, messages: all.map(swap), entries: entries.map(swap), streaming: all.some((m) => m !== streamingOne && m.status === 'streaming') };
            continue;
          }
        } else if (r < 0.96 && all.length > 0) {
          // A message read back changed (stored data that loops: the first names a later one, or
          // itself; or whose parent was never stored, the id the next message gets), then a
          // question sent below a message with no answer yet.
          const p = next();
          const loop = { ...all[0]!, parentId: p < 0.4 ? all[0]!.id : p < 0.8 ? pick(all)!.id : `m${id}` };
          const changed = [loop, ...all.slice(1)];
          const named = new Set(changed.map((m) => m.parentId));
          const below = pick(changed.filter((m) => !named.has(m.id)))?.id ?? null;
          if (next() < 0.5) {
            state = view(changed, below ?? undefined);
            messagesNext = changed;
          } else {
            messagesNext = changed;
          }
          const user = q(`m${id++}`, ++clock, below);
          const answer = a(`m${id++}`, ++clock, user.id);
          messagesNext = [...messagesNext, user, answer];
          leaf = answer.id;
        } else {
          // A view shown down to any message (one with children), or to none.
          leaf = next() < 0.3 ? undefined : pick(messagesNext)?.id;
        }
        const incremental = viewAfter(state, messagesNext, leaf);
        const full = view(messagesNext, leaf);
        expect(incremental, `seed ${seed}, step ${step}`).toEqual(full);
        expect(incremental.entries.every((m, i) => m === full.entries[i])).toBe(true);
        if (incremental.versions === state.versions && incremental.entries !== full.entries) reused++;
        steps++;
        state = incremental;
      }
    }
    // The fast path is taken, not only the fallback.
    expect(reused).toBeGreaterThan(steps / 5);
  });
});
