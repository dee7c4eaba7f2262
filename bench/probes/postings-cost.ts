/**
 * What the postings design of bench/NOTES.md (session 9, "A year of history") would cost, before it
 * is built: each conversation numbered, each term's conversations kept as one record of sorted
 * 32-bit numbers (a bitset once a term is in more than 1 in 32). Timed with raw IndexedDB in the side
 * panel's page, on a profile with the bench's 10,000 conversations:
 * - the build (what an upgrade would do): every terms record read, the postings made in memory, and
 *   written with the numbers into a scratch database (omni-ai's own is only read);
 * - its size (navigator.storage.estimate before and after the write);
 * - a two-word query: both words' postings read and intersected, the matches' ids and rows read,
 *   beside the way HistorySearch goes now (the rarer word's keys, the other probed by key cursors).
 *
 *   PROBE_PROFILE=dir [PROBE_QUERY="vovomi lobrilo"] [PROBE_ROUNDS=6] npx tsx bench/probes/postings-cost.ts
 *
 * PROBE_PROFILE as for search-split.ts (seeded by `BENCH_ONLY=history BENCH_PROFILE=dir npx tsx
 * bench/run.ts`). The scratch database is deleted at the end. It explains a figure, never makes one.
 */
import os from 'node:os';
import { openSeededPanel } from '../lib/seeded-panel';

const rounds = Number(process.env.PROBE_ROUNDS ?? 6);
const query = process.env.PROBE_QUERY ?? 'vovomi lobrilo';

const { ext, panel } = await openSeededPanel();

const build = await panel.evaluate(async () => {
  const openDb = (name: string, upgrade?: (db: IDBDatabase) => void) =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const r = upgrade ? indexedDB.open(name, 1) : indexedDB.open(name);
      if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
  const times: Record<string, number> = {};
  let at = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    times[name] = now - at;
    at = now;
  };
  const db = await openDb('omni-ai');
  // Every terms record by a cursor, one in memory at a time, numbered in the order read.
  const ids: string[] = [];
  const postings = new Map<string, number[]>();
  await new Promise<void>((resolve, reject) => {
    const request = db.transaction('terms').objectStore('terms').openCursor();
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor) return resolve();
      const n = ids.push(cursor.key as string) - 1;
      for (const term of (cursor.value as { terms: string[] }).terms) {
        const list = postings.get(term);
        if (list) list.push(n);
        else postings.set(term, [n]);
      }
      cursor.continue();
    };
  });
  lap('read the 10,000 terms records and make the postings in memory');
  const total = ids.length;
  const bitsetAbove = total / 32;
  const encoded = [...postings].map(([term, list]) => {
    if (list.length <= bitsetAbove) return { term, count: list.length, numbers: Uint32Array.from(list).buffer };
    const bits = new Uint32Array(Math.ceil(total / 32));
    for (const n of list) bits[n >>> 5]! |= 1 << (n & 31);
    return { term, count: list.length, bits: bits.buffer };
  });
  lap('encode (sorted numbers, or a bitset above 1 in 32)');
  const bytes = encoded.reduce((sum, p) => sum + (p.numbers ?? p.bits)!.byteLength, 0);
  const usageBefore = (await navigator.storage.estimate()).usage ?? 0;
  await new Promise<void>((resolve) => {
    const r = indexedDB.deleteDatabase('postings-probe');
    r.onsuccess = r.onerror = () => resolve();
  });
  at = performance.now();
  const scratch = await openDb('postings-probe', (d) => {
    d.createObjectStore('postings', { keyPath: 'term' });
    d.createObjectStore('numbers', { keyPath: 'n' });
    d.createObjectStore('directory');
  });
  await new Promise<void>((resolve, reject) => {
    const tx = scratch.transaction(['postings', 'numbers', 'directory'], 'readwrite');
    for (const p of encoded) tx.objectStore('postings').put(p);
    ids.forEach((id, n) => tx.objectStore('numbers').put({ n, id }));
    // The other way from numbers to ids: every id in one record, its place its number.
    tx.objectStore('directory').put(ids, 'ids');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  lap('write the postings and the 10,000 numbers (one transaction)');
  const usageAfter = (await navigator.storage.estimate()).usage ?? 0;
  scratch.close();
  db.close();
  return {
    times,
    info: {
      conversations: total,
      terms: postings.size,
      bitsets: encoded.filter((p) => p.bits).length,
      encodedMB: +(bytes / 1e6).toFixed(2),
      storedMB: +((usageAfter - usageBefore) / 1e6).toFixed(2),
    },
  };
});
console.log(`build, load ${os.loadavg()[0]!.toFixed(1)}`, JSON.stringify(build.info));
for (const [name, ms] of Object.entries(build.times)) console.log(`  ${name}: ${ms.toFixed(0)} ms`);

const all: Record<string, number[]> = {};
for (let round = 0; round < rounds; round++) {
  const load = os.loadavg()[0]!;
  const out = await panel.evaluate(async ({ query, round }) => {
    const req = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const openDb = (name: string) =>
      new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const [db, scratch] = await Promise.all([openDb('omni-ai'), openDb('postings-probe')]);
    const times: Record<string, number> = {};
    let at = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      times[name] = now - at;
      at = now;
    };
    const words = query.split(' ');
    type Posting = { term: string; count: number; numbers?: ArrayBuffer; bits?: ArrayBuffer };
    // As a postings search would go: each word's terms (a key range: the word as a prefix), read whole.
    const tx = scratch.transaction(['postings', 'numbers']);
    const read = await Promise.all(words.map((w) => req(tx.objectStore('postings').getAll(IDBKeyRange.bound(w, `${w}\uffff`))) as Promise<Posting[]>));
    lap('postings: both words read');
    // Each word a set of numbers (the union of its terms), then intersected, the rarest first.
    const sets = read.map((terms) => {
      const set = new Set<number>();
      for (const p of terms) {
        if (p.numbers) for (const n of new Uint32Array(p.numbers)) set.add(n);
        else {
          const bits = new Uint32Array(p.bits!);
          for (let i = 0; i < bits.length; i++) for (let b = 0; b < 32; b++) if (bits[i]! & (1 << b)) set.add(i * 32 + b);
        }
      }
      return set;
    });
    sets.sort((a, b) => a.size - b.size);
    // (Numbers from 10,000 are the earlier rounds' Sends below: no conversation has them.)
    const found = [...sets[0]!].filter((n) => n < 10_000 && sets.every((s) => s.has(n)));
    lap('postings: decode and intersect');
    const ids = (await Promise.all(found.map((n) => req(tx.objectStore('numbers').get(n))))) as { id: string }[];
    lap('postings: the matches\u2019 ids (numbers store)');
    const directory = (await req(scratch.transaction('directory').objectStore('directory').get('ids'))) as string[];
    if (found.some((n, i) => directory[n] !== ids[i]!.id)) throw new Error('the directory disagrees with the numbers store');
    lap('postings: the matches\u2019 ids (one directory record)');
    const store = db.transaction('conversations').objectStore('conversations');
    const rows = (await Promise.all(ids.map(({ id }) => req(store.get(id))))) as { updatedAt: number }[];
    rows.sort((a, b) => b.updatedAt - a.updatedAt);
    lap('rows of the matches: get each, sort');
    // A Send that starts a conversation: its ~175 terms added to their postings (get, append or set a bit, put), one transaction.
    const terms = ((await req(db.transaction('terms').objectStore('terms').get(ids[0]!.id))) as { terms: string[] }).terms;
    lap('(a terms record read)');
    const n = 10_000 + round;
    await new Promise<void>((resolve, reject) => {
      const write = scratch.transaction('postings', 'readwrite');
      const store = write.objectStore('postings');
      for (const term of terms)
        req(store.get(term)).then((p) => {
          const posting = p as Posting;
          if (posting.bits) {
            const bits = new Uint32Array(Math.max(posting.bits.byteLength / 4, Math.ceil((n + 1) / 32)));
            bits.set(new Uint32Array(posting.bits));
            bits[n >>> 5]! |= 1 << (n & 31);
            store.put({ ...posting, count: posting.count + 1, bits: bits.buffer });
          } else {
            const numbers = new Uint32Array(posting.numbers!.byteLength / 4 + 1);
            numbers.set(new Uint32Array(posting.numbers!));
            numbers[numbers.length - 1] = n;
            store.put({ ...posting, count: posting.count + 1, numbers: numbers.buffer });
          }
        }, reject);
      write.oncomplete = () => resolve();
      write.onerror = () => reject(write.error);
    });
    lap(`a new conversation's ${terms.length} terms added to their postings (one transaction)`);
    db.close();
    scratch.close();
    return { times, matches: found.length };
  }, { query, round });
  console.log(`round ${round}, load ${load.toFixed(1)}, matches ${out.matches}`);
  for (const [name, ms] of Object.entries(out.times)) (all[name] ??= []).push(ms);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [name, values] of Object.entries(all)) console.log(`  ${name}: p50 ${median(values).toFixed(1)} ms (${values.map((v) => v.toFixed(1)).join(', ')})`);
await panel.evaluate(
  () =>
    new Promise<void>((resolve) => {
      const r = indexedDB.deleteDatabase('postings-probe');
      r.onsuccess = r.onerror = () => resolve();
    }),
);
await ext.close();
