import type { Page } from '@playwright/test';
import { batchesOf } from '../lib/chat/conversation-archive';
import type { ArchivedConversation } from '../lib/chat/conversation-db';
import type { ExtensionSession } from '../test/e2e/harness/launch';
import { askWorker } from '../test/e2e/harness/worker-message';
import { nowMs, type Figure } from './lib/stats';
import { seededRandom } from './lib/seeded-random';

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'ze', 'qua', 'bri', 'dom', 'fel', 'gar', 'hon', 'jul', 'pex', 'wyn'];

/** A vocabulary of 4,000 made-up words; word i is drawn with a Zipf-like bias, as in real text. */
function vocabulary(next: () => number): string[] {
  const words = new Set<string>();
  while (words.size < 4000) {
    const length = 2 + Math.floor(next() * 3);
    words.add(Array.from({ length }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join(''));
  }
  return [...words];
}

function sentence(words: string[], next: () => number, length: number): string {
  return Array.from({ length }, () => words[Math.floor(words.length * next() ** 3)]).join(' ');
}

/**
 * A year of daily use: `count` conversations of two questions and two answers each (questions of
 * 12 words, answers of 90), over the past year, newest last. Deterministic for a seed.
 */
export function yearOfConversations(count = 10_000, seed = 2026): { conversations: ArchivedConversation[]; words: string[] } {
  const next = seededRandom(seed);
  const words = vocabulary(next);
  const start = Date.UTC(2025, 10, 1);
  const step = (365 * 24 * 3600 * 1000) / count;
  const conversations = Array.from({ length: count }, (_, i): ArchivedConversation => {
    const at = start + i * step;
    const id = `bench-c${i}`;
    const q1 = sentence(words, next, 12);
    const messages: ArchivedConversation['messages'] = [];
    let parentId: string | null = null;
    for (let turn = 0; turn < 4; turn++) {
      const role = turn % 2 === 0 ? 'user' : 'assistant';
      const message = {
        id: `${id}-m${turn}`,
        at: at + turn * 1000,
        parentId,
        role,
        content: turn === 0 ? q1 : sentence(words, next, role === 'user' ? 12 : 90),
        status: 'done',
        ...(role === 'assistant' ? { provider: 'openai-compatible', model: 'bench-model', usage: { inputTokens: 40, outputTokens: 120 } } : {}),
      } as ArchivedConversation['messages'][number];
      messages.push(message);
      parentId = message.id;
    }
    return { id, title: q1.slice(0, 60), createdAt: at, updatedAt: at + 3000, messages };
  });
  return { conversations, words };
}

/** Bytes omni-ai's origin stores (IndexedDB mostly), as the browser counts them. */
const usage = (page: Page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);

/**
 * In the page: a click (or input) at a known time, and the time of the first frame after `selector`
 * appears (or its text changes) in the DOM: what the user sees, React's render and IndexedDB included.
 */
async function timeUntilShown(page: Page, selector: string, act: string, value?: string): Promise<number> {
  return page.evaluate(
    ({ selector, act, value }) =>
      new Promise<number>((resolve) => {
        let start = 0;
        const done = () => {
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - start));
        };
        const observer = new MutationObserver(() => {
          if (document.querySelector(selector)) done();
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        start = performance.now();
        if (act === 'click') document.querySelector<HTMLElement>(value!)!.click();
        else {
          // A controlled React input: set the value as typing would, then say it changed.
          const input = document.querySelector<HTMLInputElement>(act)!;
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        }
      }),
    { selector, act, value },
  );
}

/** 5. A year of history: 10,000 conversations stored, the history list, and search over titles and text. */
export async function yearOfHistory(ext: ExtensionSession, runs: number): Promise<Figure[]> {
  const { conversations, words } = yearOfConversations();
  const launched = nowMs();
  const panel = await ext.openSidePanel();
  await panel.locator('#message').waitFor();
  // BENCH_UPGRADE=<version>: a profile stored by an older build upgrades when this build's worker
  // first opens the database (at its start); the figure is launch → the new version listed (an upper bound).
  const upgradeTo = Number(process.env.BENCH_UPGRADE ?? 0);
  const upgraded: Figure[] = [];
  if (upgradeTo) {
    await panel.waitForFunction(
      async (version) => ((await indexedDB.databases()).find((d) => d.name === 'omni-ai')?.version ?? 0) >= version,
      upgradeTo,
      { timeout: 600_000, polling: 50 },
    );
    upgraded.push({ name: `History: upgrade of the stored database to v${upgradeTo}, launch → new version listed`, unit: 'ms', values: [nowMs() - launched] });
  }
  // A profile kept from an earlier run (BENCH_PROFILE, run.ts) has them already: seeding takes minutes,
  // and the same stored history lets two builds be measured in turn (A, B, A, B) against the same data.
  const stored = await panel.evaluate(async () => {
    // Opening a database that is not there would create it, empty, at version 1: look first.
    if (!(await indexedDB.databases()).some((d) => d.name === 'omni-ai')) return 0;
    return new Promise<number>((resolve, reject) => {
        const request = indexedDB.open('omni-ai');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const database = request.result;
          const count = database.objectStoreNames.contains('conversations') ? database.transaction('conversations').objectStore('conversations').count() : undefined;
          if (!count) return (database.close(), resolve(0));
          count.onsuccess = () => (database.close(), resolve(count.result));
          count.onerror = () => reject(count.error);
        };
      });
  });
  const seeded: Figure[] = [];
  if (stored < conversations.length) {
    const before = await usage(panel);
    const seedStart = nowMs();
    for (const batch of batchesOf(conversations)) {
      const result = await askWorker(panel, 'importConversations', batch);
      if (!result.ok) throw new Error(result.message);
    }
    const seedMs = nowMs() - seedStart;
    const bytes = (await usage(panel)) - before;
    const messages = conversations.length * 4;
    seeded.push(
      { name: 'History: 10,000 conversations (40,000 messages) stored through the worker’s import, search terms included', unit: 's', values: [seedMs / 1000] },
      { name: 'History: stored size per 1,000 messages (IndexedDB, as navigator.storage.estimate counts it)', unit: 'MB', values: [bytes / 1e6 / (messages / 1000)] },
    );
  }

  const history = 'nav[aria-label="Chat"] button[aria-label="History"]';
  const listShown: number[] = [];
  for (let i = 0; i < runs; i++) {
    await panel.reload();
    await panel.locator('#message').waitFor();
    listShown.push(await timeUntilShown(panel, '.history li', 'click', history));
  }

  // Queries a user might type: a rare word, a common one, a prefix being typed, two words, none found.
  const queries = [words[3900]!, words[5]!, words[1200]!.slice(0, 3), `${words[40]} ${words[700]}`, 'zzzzqq'];
  const kinds = ['rare word', 'common word', 'prefix of 3 letters', 'two words', 'none found'];
  const search: number[] = [];
  const byKind = kinds.map(() => [] as number[]);
  const statuses = kinds.map(() => '');
  const box = 'input[aria-label="Search conversations"]';
  for (let i = 0; i < runs; i++)
    for (const [k, query] of queries.entries()) {
      // Cleared (not timed): every conversation listed again. The first time the box is empty
      // already, and setting '' again changes nothing a timer could wait for.
      await panel.locator(box).fill('');
      await panel.waitForFunction(() => !document.querySelector('.result-count'));
      const ms = await timeUntilShown(panel, '.result-count', box, query);
      search.push(ms);
      byKind[k]!.push(ms);
      // What the status said then and once settled: the same matches in both builds, or a fast answer is a wrong one.
      if (i < runs - 1) continue;
      const said = await panel.locator('.result-count').textContent();
      const counting = nowMs();
      await panel.waitForFunction(() => !/at least/i.test(document.querySelector('.result-count')?.textContent ?? ''), undefined, { timeout: 60_000, polling: 20 });
      // A common query's exact total comes after its page (counted once typing stops): how much later.
      const countedAfter = said === (await panel.locator('.result-count').textContent()) ? '' : `, counted ${Math.round(nowMs() - counting)} ms after`;
      statuses[k] = `said “${said}”, then “${await panel.locator('.result-count').textContent()}”${countedAfter}, first row “${await panel.locator('.history li .history-title').first().textContent().catch(() => '')}”`;
    }
  await panel.close();
  return [
    ...upgraded,
    ...seeded,
    { name: 'History list: click → first rows painted, with 10,000 conversations', unit: 'ms', values: listShown, target: '< 100 ms' },
    {
      name: 'Search 10,000 conversations: typed query → matches painted (5 queries: rare word, common word, prefix, two words, none)',
      unit: 'ms',
      values: search,
      target: '< 100 ms',
    },
    // The first search of the run: the panel's first reads of the new stores after an upgrade.
    ...(search.length ? [{ name: 'Search: the first of the run (a rare word, after the list opens)', unit: 'ms', values: [search[0]!] }] : []),
    ...kinds.map((kind, k) => ({ name: `Search: ${kind} (“${queries[k]}”)`, note: statuses[k], unit: 'ms', values: byKind[k]! })),
  ];
}
