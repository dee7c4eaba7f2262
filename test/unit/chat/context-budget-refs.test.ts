import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../bench/lib/seeded-random';
import { historyOf, sendTurnsOf, type ChatEntry } from '@/lib/chat/chat-store';
import { fitToContext } from '@/lib/chat/context-budget';
import type { MessageRecord, PageContext } from '@/lib/chat/conversation-db';
import { estimateTurnTokens } from '@/lib/chat/estimate-tokens';
import { rememberImageData } from '@/lib/chat/image-data';
import { turnOf } from '@/lib/chat/turn-of';
import { isTurnRef, type SendTurn, type TurnRef } from '@/lib/messaging/chat-port';
import { DEFAULT_CONTEXT_TOKENS } from '@/lib/providers/context-sizes';

/**
 * The worker fits a request to the model's context from the estimates the panel puts in its
 * references (TurnRef.tokens) before it reads any record back (issue 13 target 2). These properties
 * are what that rests on, over seeded conversations of mixed scripts: a reference's estimate is
 * never below the estimate of the turn the worker reads back for it, and the budget keeps the same
 * turns from the references as from the full turns.
 */

/** Pieces of text of every kind the estimate counts differently: ASCII, accented Latin, CJK, emoji (two UTF-16 units), code. */
const PIECES = ['The tide ', 'turns. ', 'Grüße aus Köln, ', 'naïve café ', '日本語の文章です。', '潮の満ち引き', '😀', '🌊🌕 ', 'const x = f(y);\n', '```ts\n', '\t', '“quoted” ', 'Ж', ' '];

function textOf(next: () => number, maxPieces: number): string {
  const count = Math.floor(next() * maxPieces);
  let text = '';
  for (let i = 0; i < count; i++) text += PIECES[Math.floor(next() * PIECES.length)];
  return text;
}

/** A seeded conversation as the panel holds it: page text on some questions, images on some, the new question last (plain). */
function conversation(seed: number, length: number): ChatEntry[] {
  const next = seededRandom(seed);
  const entries: ChatEntry[] = [];
  for (let i = 0; i < length; i++) {
    const role = i % 2 ? 'assistant' : 'user';
    const id = `s${seed}-m${i}`;
    const last = i === length - 1;
    const context: PageContext | undefined =
      role === 'user' && !last && next() < 0.3
        ? { kind: next() < 0.5 ? 'page' : 'selection', title: textOf(next, 4), url: `https://example.com/${i}?q=${textOf(next, 2)}`, text: textOf(next, 800), totalChars: 0 }
        : undefined;
    const images =
      role === 'user' && !last && next() < 0.2
        ? Array.from({ length: 1 + Math.floor(next() * 3) }, (_, k) => {
            const blob = new Blob([`image ${i} ${k}`], { type: 'image/png' });
            rememberImageData(blob, 'AAAA');
            return { id: `${id}-i${k}`, mediaType: 'image/png' as const, width: 8, height: 6, source: k ? ('pasted' as const) : ('screenshot' as const), page: { title: 'T', url: 'https://example.com/' }, blob };
          })
        : undefined;
    entries.push({
      id,
      parentId: i ? `s${seed}-m${i - 1}` : null,
      role,
      // Some empty: an answer that failed before its first word is not sent at all (turn-of.ts).
      content: (last ? 'And then? ' : '') + textOf(next, role === 'assistant' ? 600 : 40),
      status: 'done',
      ...(context ? { context } : {}),
      ...(images ? { images } : {}),
    });
  }
  return entries;
}

/** What crosses the port: the panel's send, every turn but the new question by reference. */
const sendOf = (entries: ChatEntry[]): SendTurn[] => JSON.parse(JSON.stringify(sendTurnsOf(entries, new Set(entries.slice(0, -1).map((e) => e.id))).messages)) as SendTurn[];

const idOf = (turn: SendTurn) => (isTurnRef(turn) ? turn.ref : turn.id);

describe('fitting from references (issue 13 target 2)', () => {
  it('never puts in a reference an estimate below that of the turn read back for it, whatever the script', () => {
    let refs = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const entries = conversation(seed, 41);
      const sent = sendOf(entries);
      for (const turn of sent) {
        if (!isTurnRef(turn)) continue;
        refs++;
        // The record the worker reads back for it: the same message, stored (conversation-db.ts).
        const entry = entries.find((e) => e.id === turn.ref)!;
        const record: MessageRecord = { ...structuredClone(entry), conversationId: `c${seed}`, at: 0 };
        const resolved = turnOf(record, () => 'AAAA');
        expect(turn.tokens, `${turn.ref}: the reference's estimate`).toBeGreaterThanOrEqual(estimateTurnTokens(resolved));
        // Equal, in fact: the same estimate of the same text, which the worker checks on the record (read-path.ts).
        expect(turn.tokens).toBe(estimateTurnTokens(record));
        expect(turn.tokens).toBe(estimateTurnTokens(resolved));
      }
    }
    // Most of the 1,600 messages (a few empty answers are not sent at all).
    expect(refs).toBeGreaterThan(1_400);
  });

  it('keeps the same turns, and notes the same cut, from the references as from the full turns', () => {
    const cuts = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const entries = conversation(seed, 2 * (10 + Math.floor(seededRandom(seed * 7)() * 60)) + 1);
      const sent = sendOf(entries);
      const full = historyOf(entries);
      for (const window of [8_192, 16_384, DEFAULT_CONTEXT_TOKENS, 128_000]) {
        const fromRefs = fitToContext(sent, window);
        const fromFull = fitToContext(full, window);
        expect(fromRefs.turns.map(idOf), `seed ${seed}, ${window} tokens`).toEqual(fromFull.turns.map(idOf));
        expect(fromRefs.cut).toEqual(fromFull.cut);
        // Still a question first (Anthropic requires it), the new question last and in full.
        expect(fromRefs.turns[0]!.role).toBe('user');
        expect(isTurnRef(fromRefs.turns.at(-1)!)).toBe(false);
        cuts.add(fromRefs.cut ? 'cut' : 'whole');
      }
    }
    // The seeds cover both: conversations cut and conversations sent whole.
    expect(cuts).toEqual(new Set(['cut', 'whole']));
  });

  it('counts a reference at its own estimate: a turn the panel estimates higher leaves more out', () => {
    const entries = conversation(3, 81);
    const sent = sendOf(entries);
    const fitted = fitToContext(sent, DEFAULT_CONTEXT_TOKENS);
    expect(fitted.cut).toBeDefined();
    const newest = sent.length - 2;
    const heavier = sent.map((turn, i) => (i === newest ? { ...(turn as TurnRef), tokens: 1_000_000 } : turn));
    // The newest answer alone is over the budget: only the new question goes.
    expect(fitToContext(heavier, DEFAULT_CONTEXT_TOKENS).turns.map(idOf)).toEqual([entries.at(-1)!.id]);
  });
});
