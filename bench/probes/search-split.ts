/**
 * A two-word search, part by part (issue 13 target 3; bench/NOTES.md, "A year of history", session 9):
 * the steps HistorySearch.start and page take for a query whose rarer word is read in full and whose
 * other word is probed on those candidates, timed one by one with raw IndexedDB in the side panel's
 * page, beside other ways to read the same keys.
 *
 *   PROBE_PROFILE=dir [PROBE_QUERY="vovomi lobrilo"] [PROBE_ROUNDS=6] npx tsx bench/probes/search-split.ts
 *
 * PROBE_PROFILE is a profile with the bench's 10,000 conversations, kept by
 * `BENCH_ONLY=history BENCH_PROFILE=dir npx tsx bench/run.ts` (about 200 s to seed). Remove its
 * `Default/Service Worker` folder before loading another build in it (bench/NOTES.md). Outside
 * `npm run bench`: it explains a figure, never makes one.
 */
import os from 'node:os';
import { openSeededPanel } from '../lib/seeded-panel';

const rounds = Number(process.env.PROBE_ROUNDS ?? 6);
const query = process.env.PROBE_QUERY ?? 'vovomi lobrilo';

const { ext, panel } = await openSeededPanel();
const all: Record<string, number[]> = {};
for (let round = 0; round < rounds; round++) {
  const load = os.loadavg()[0]!;
  const out = await panel.evaluate(async ({ query, first }) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('omni-ai');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const req = <T,>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const times: Record<string, number> = {};
    const info: Record<string, unknown> = {};
    let at = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      times[name] = now - at;
      at = now;
    };
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const keysByCursor = async (index: IDBIndex, term: string) => {
      const keys: string[] = [];
      const request = index.openKeyCursor(IDBKeyRange.only(term));
      let cursor = await req(request);
      while (cursor) {
        keys.push(cursor.primaryKey as string);
        cursor.continue();
        cursor = await req(request);
      }
      return keys;
    };
    const tx = db.transaction(['vocabulary', 'terms', 'conversations']);
    // As HistorySearch.start: each word expanded against the vocabulary, the rarest first.
    const words = await Promise.all(
      query.split(' ').map(async (word) => {
        const terms = (await req(tx.objectStore('vocabulary').getAll(IDBKeyRange.bound(word, `${word}\uffff`)))) as { term: string; count: number }[];
        return { word, terms, weight: terms.reduce((sum, t) => sum + t.count, 0) };
      }),
    );
    words.sort((a, b) => a.weight - b.weight);
    const [rarest, other] = words as [(typeof words)[0], (typeof words)[0]];
    info.words = words.map((w) => `${w.word}: ${w.terms.length} terms, ${w.weight} keys`);
    lap('expand (vocabulary)');
    const index = tx.objectStore('terms').index('term');
    const candidates = [...new Set((await Promise.all(rarest.terms.map((t) => req(index.getAllKeys(t.term))))).flat() as string[])].sort(cmp);
    lap('rarest word: getAllKeys');
    // As havingWord: `lanes` slices of the candidates, a key cursor each that jumps with
    // continuePrimaryKey; `onHit` gets each candidate that has the other word.
    const probe = (lanes: number, onHit: (key: string) => void) => {
      const part = Math.ceil(candidates.length / lanes);
      return Promise.all(
        Array.from({ length: lanes }, (_, i) => candidates.slice(i * part, (i + 1) * part))
          .filter((slice) => slice.length)
          .flatMap((slice) =>
            other.terms.map(async ({ term }) => {
              const request = index.openKeyCursor(IDBKeyRange.only(term));
              let cursor = await req(request);
              let next = 0;
              while (cursor && next < slice.length) {
                const key = cursor.primaryKey as string;
                while (next < slice.length && slice[next]! < key) next++;
                if (next === slice.length) break;
                if (slice[next] === key) {
                  onHit(key);
                  if (++next === slice.length) break;
                }
                cursor.continuePrimaryKey(term, slice[next]!);
                cursor = await req(request);
              }
            }),
          ),
      );
    };
    const hit = new Set<string>();
    await probe(16, (key) => hit.add(key));
    const found = candidates.filter((id) => hit.has(id));
    info.matches = found.length;
    lap('other word: probed on the candidates (16 lanes)');
    const store = tx.objectStore('conversations');
    const rows = (await Promise.all(found.map((id) => req(store.get(id))))) as { updatedAt: number; id: string }[];
    lap('rows of the matches: get each');
    rows.sort((a, b) => b.updatedAt - a.updatedAt || cmp(b.id, a.id));
    lap('rows: sort');
    // The same probe with each match's row asked for as soon as the match is found (PROBE_LANES
    // lanes), in the same transaction: the rows' reads overlap the probe's instead of following it.
    const pipelined = async (lanes: number) => {
      const rowsOf: Promise<unknown>[] = [];
      await probe(lanes, (key) => rowsOf.push(req(store.get(key))));
      const got = (await Promise.all(rowsOf)) as { updatedAt: number; id: string }[];
      got.sort((a, b) => b.updatedAt - a.updatedAt || cmp(b.id, a.id));
      return got.length;
    };
    for (const lanes of [16, 32]) {
      info[`pipelined ${lanes}`] = await pipelined(lanes);
      lap(`probe + rows pipelined (${lanes} lanes)`);
    }
    // Other ways to the same keys, for comparison.
    await Promise.all(other.terms.map((t) => req(index.getAllKeys(t.term))));
    lap('other word: getAllKeys (whole)');
    for (const { term } of other.terms) await keysByCursor(index, term);
    lap('other word: a key cursor, continue()');
    await Promise.all(found.slice(0, 50).map((id) => req(tx.objectStore('terms').get(id))));
    lap('50 terms records');
    if (first) {
      // How the (term, conversation) keys spread over terms: what a list of ids per term would store.
      const vocabulary = (await req(tx.objectStore('vocabulary').getAll())) as { count: number }[];
      const keys = (max: number) => vocabulary.filter((v) => v.count <= max).reduce((sum, v) => sum + v.count, 0);
      info.vocabulary = `${vocabulary.length} terms, ${keys(Infinity)} keys; terms of at most 1,000: ${vocabulary.filter((v) => v.count <= 1000).length}, ${keys(1000)} keys`;
    }
    db.close();
    return { times, info };
  }, { query, first: round === 0 });
  console.log(`round ${round}, load ${load.toFixed(1)}`, JSON.stringify(out.info));
  for (const [name, ms] of Object.entries(out.times)) (all[name] ??= []).push(ms);
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
for (const [name, values] of Object.entries(all)) console.log(`  ${name}: p50 ${median(values).toFixed(1)} ms (${values.map((v) => v.toFixed(1)).join(', ')})`);
await ext.close();
