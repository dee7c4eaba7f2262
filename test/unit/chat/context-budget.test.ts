import { describe, expect, it } from 'vitest';
import { ANSWER_RESERVE_TOKENS, firstLeftOut, fitSend, fitToContext, REQUEST_ALLOWANCE_TOKENS, turnBudget, turnCost } from '@/lib/chat/context-budget';
import { seededRandom } from '../../../bench/lib/seeded-random';
import { estimateTextTokens, estimateTurnTokens, IMAGE_TOKENS, TURN_OVERHEAD_TOKENS } from '@/lib/chat/estimate-tokens';
import type { ChatTurn } from '@/lib/messaging/chat-port';
import { contextTokens, DEFAULT_CONTEXT_TOKENS } from '@/lib/providers/context-sizes';
import { contextCutNote } from '@/lib/chat/chat-store';

/** A turn of `tokens` estimated tokens: 3 ASCII characters a token, plus the turn's overhead. */
const turn = (role: ChatTurn['role'], tokens: number, id = `${role}-${tokens}`): ChatTurn => ({
  id,
  role,
  content: 'abc'.repeat(tokens - TURN_OVERHEAD_TOKENS),
});

/** user, assistant, user, … each of `tokens`, the last one the new question. */
const conversation = (count: number, tokens = 5_000) => Array.from({ length: count }, (_, i) => turn(i % 2 ? 'assistant' : 'user', tokens, `m${i}`));

/** A model whose turn budget is exactly `budget` (at least 23,552, so that the answer's reserve is the whole 8,192). */
const modelFor = (budget: number) => {
  const tokens = budget + ANSWER_RESERVE_TOKENS + REQUEST_ALLOWANCE_TOKENS;
  expect(turnBudget(tokens)).toBe(budget);
  return tokens;
};

describe('the token estimate', () => {
  it('counts 3 ASCII characters a token and each other character as one', () => {
    expect(estimateTextTokens('')).toBe(0);
    expect(estimateTextTokens('abcdef')).toBe(2);
    expect(estimateTextTokens('abcdefg')).toBe(3);
    expect(estimateTextTokens('日本語')).toBe(3);
    expect(estimateTextTokens('abc日本')).toBe(3);
  });

  it('counts a question’s page text as framed, and each image at the flat cost', () => {
    const question: ChatTurn = { id: 'q', role: 'user', content: 'Sum up.' };
    const withPage: ChatTurn = { ...question, id: 'q2', context: { kind: 'page', title: 'Tides', url: 'https://example.com/', text: 'x'.repeat(30_000), totalChars: 30_000 } };
    const withImages: ChatTurn = { ...question, id: 'q3', images: [{ mediaType: 'image/png', data: 'AAAA' }, { mediaType: 'image/png', data: 'AAAA' }] };
    const plain = estimateTurnTokens(question);
    expect(plain).toBe(estimateTextTokens('Sum up.') + TURN_OVERHEAD_TOKENS);
    // The page's 10,000 tokens and the frame's words around them.
    expect(estimateTurnTokens(withPage)).toBeGreaterThan(plain + 10_000);
    expect(estimateTurnTokens(withImages)).toBe(plain + 2 * IMAGE_TOKENS);
  });
});

describe('fitting a conversation to the model’s context (issue 13 target 2)', () => {
  it('sends everything, with no note, when it fits', () => {
    const turns = conversation(9);
    const fitted = fitToContext(turns, modelFor(45_000));
    expect(fitted.turns).toEqual(turns);
    expect(fitted.cut).toBeUndefined();
  });

  it('leaves the oldest turns out first, keeps the newest in order, and says how many went of how many', () => {
    const turns = conversation(9);
    const fitted = fitToContext(turns, modelFor(25_000));
    expect(fitted.turns.map((t) => t.id)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
    expect(fitted.cut).toEqual({ kept: 5, total: 9 });
  });

  it('never starts with an answer: one whose question was left out goes too', () => {
    const turns = conversation(9);
    // Room for 6 turns, which would start with the answer m3.
    const fitted = fitToContext(turns, modelFor(30_000));
    expect(fitted.turns.map((t) => t.id)).toEqual(['m4', 'm5', 'm6', 'm7', 'm8']);
    expect(fitted.turns[0]!.role).toBe('user');
    expect(fitted.cut).toEqual({ kept: 5, total: 9 });
  });

  it('never keeps an older turn after leaving a newer one out, even when the older would fit', () => {
    const turns = [turn('user', 100, 'small-q'), turn('assistant', 100, 'small-a'), turn('user', 25_000, 'big-q'), turn('assistant', 25_000, 'big-a'), turn('user', 2_500, 'new')];
    const fitted = fitToContext(turns, modelFor(27_700));
    expect(fitted.turns.map((t) => t.id)).toEqual(['new']);
    expect(fitted.cut).toEqual({ kept: 1, total: 5 });
  });

  it('fits exactly at the boundary, and leaves the turn out one token over it', () => {
    const turns = conversation(5);
    expect(fitToContext(turns, modelFor(25_000)).cut).toBeUndefined();
    const over = [...turns.slice(0, 4), turn('user', 5_001, 'm4')];
    const fitted = fitToContext(over, modelFor(25_000));
    expect(fitted.turns.map((t) => t.id)).toEqual(['m2', 'm3', 'm4']);
  });

  it('counts images: a question with two images no longer fits where its text alone would', () => {
    const images = [{ mediaType: 'image/png' as const, data: 'AAAA' }, { mediaType: 'image/png' as const, data: 'AAAA' }];
    const old: ChatTurn = { ...turn('user', 10_000, 'pictures'), images };
    const turns = [old, turn('assistant', 10_000, 'a'), turn('user', 10_000, 'new')];
    expect(fitToContext(turns.map(({ images: _i, ...rest }) => rest), modelFor(30_000)).cut).toBeUndefined();
    const fitted = fitToContext(turns, modelFor(30_000 + 2 * IMAGE_TOKENS - 1));
    expect(fitted.turns.map((t) => t.id)).toEqual(['new']);
    expect(fitToContext(turns, modelFor(30_000 + 2 * IMAGE_TOKENS)).cut).toBeUndefined();
  });

  it('always sends the new question, alone when it is larger than the whole budget, and says the rest was left out', () => {
    const turns = [...conversation(4), turn('user', 50_000, 'huge')];
    const fitted = fitToContext(turns, modelFor(25_000));
    expect(fitted.turns.map((t) => t.id)).toEqual(['huge']);
    expect(fitted.cut).toEqual({ kept: 1, total: 5 });
    // Alone in its conversation, it goes as it would have gone before the budget: nothing to note.
    const alone = fitToContext([turn('user', 50_000, 'huge')], modelFor(25_000));
    expect(alone.turns.map((t) => t.id)).toEqual(['huge']);
    expect(alone.cut).toBeUndefined();
  });

  it('keeps a quarter of a small window for the answer, and 8,192 tokens of a large one', () => {
    expect(turnBudget(8_192)).toBe(8_192 - 2_048 - REQUEST_ALLOWANCE_TOKENS);
    expect(turnBudget(200_000)).toBe(200_000 - ANSWER_RESERVE_TOKENS - REQUEST_ALLOWANCE_TOKENS);
    expect(turnBudget(100)).toBe(0);
  });
});

describe('a send that leaves out the turns the budget cannot keep (the panel’s firstLeftOut)', () => {
  it('gives the fit of all the turns: the same turns kept, the same total counted, and the fit stops within what was sent', () => {
    const random = seededRandom(13);
    for (let run = 0; run < 300; run++) {
      // Turns of 20 to 3,000 tokens, answers sometimes missing (a failed answer is not sent), so roles do not always alternate.
      const turns = Array.from({ length: 2 + Math.floor(random() * 60) }, (_, i) => turn(random() < 0.5 + (i % 2 ? 0.1 : -0.1) ? 'user' : 'assistant', 20 + Math.floor(random() * 3_000), `m${i}`));
      turns.push(turn('user', 20 + Math.floor(random() * 3_000), 'new'));
      const size = 4_096 + Math.floor(random() * 60_000);
      const all = fitToContext(turns, size);
      const older = firstLeftOut(turns, turnCost, size) ?? 0;
      const sent = turns.slice(older);
      // The worker's fit of that send (serve-chat-port): the same turns, the total counting those left out.
      const fitted = fitSend(sent, size, older);
      expect(fitted?.turns).toEqual(all.turns);
      expect(fitted?.cut).toEqual(all.cut);
      // What the worker checks before it takes the count: its own fit stops within the turns sent.
      if (older) expect(firstLeftOut(sent, turnCost, size)).toBe(0);
    }
  });

  it('leaves nothing out when everything fits, and finds no turn to stop at in what a send left short', () => {
    expect(firstLeftOut(conversation(5, 100), turnCost, modelFor(30_000))).toBeUndefined();
    expect(firstLeftOut(conversation(9, 5_000), turnCost, modelFor(30_000))).toBe(2);
    expect(firstLeftOut(conversation(9, 5_000).slice(3), turnCost, modelFor(30_000))).toBeUndefined();
    // A send left that short could have had one more turn: the worker's fit refuses it (it asks for every turn).
    expect(fitSend(conversation(9, 5_000).slice(3), modelFor(30_000), 3)).toBeUndefined();
    expect(fitSend(conversation(9, 5_000).slice(2), modelFor(30_000), 2)?.cut).toEqual(fitToContext(conversation(9, 5_000), modelFor(30_000)).cut);
  });
});

describe('each model’s context size', () => {
  it.each([
    ['claude-sonnet-5-5', 1_000_000],
    ['claude-haiku-5-5', 1_000_000],
    ['claude-opus-4-6', 1_000_000],
    ['us.anthropic.claude-opus-4-6-v1:0', 1_000_000],
    ['claude-fable-5-1', 1_000_000],
    ['claude-sonnet-4-5-20250929', 200_000],
    ['claude-opus-4-20250514', 200_000],
    ['claude-opus-4-1-20250805', 200_000],
    ['claude-haiku-4-5', 200_000],
    ['gpt-5.5', 922_000],
    ['openai/gpt-5.5', 922_000],
    ['gpt-6.1-sol', 922_000],
    ['gpt-5.4-mini', 272_000],
    ['gpt-5', 272_000],
    ['gpt-5.1-chat-latest', 128_000],
    ['gpt-4.1-mini', 1_047_576],
    ['gpt-4o', 128_000],
    ['prod-gpt-4o', 128_000],
    ['gpt-4-turbo', 128_000],
    ['gpt-4', 8_192],
    ['gpt-4-0613', 8_192],
    ['gpt-35-turbo', 16_385],
    ['o3-mini', 200_000],
    ['gemini-2.5-pro', 1_048_576],
    ['amazon.nova-pro-v1:0', 300_000],
    ['bench-model', DEFAULT_CONTEXT_TOKENS],
    ['llama3.1:8b', DEFAULT_CONTEXT_TOKENS],
    ['my-deployment', DEFAULT_CONTEXT_TOKENS],
  ])('%s takes %i tokens', (model, tokens) => {
    expect(contextTokens(model)).toBe(tokens);
  });
});

describe('the note on the answer', () => {
  it('says how many of how many messages the model saw', () => {
    expect(contextCutNote({ kept: 120, total: 1_000 })).toBe('The model saw the newest 120 of 1,000 messages: the earlier ones did not fit in its context.');
    expect(contextCutNote({ kept: 1, total: 7 })).toBe('The model saw only the newest message of 7: the earlier ones did not fit in its context.');
  });
});

describe('the note, exported and imported', () => {
  it('goes out with the answer in an archive and comes back, and is written in the Markdown export', async () => {
    const { parseArchive, toArchive } = await import('@/lib/chat/conversation-archive');
    const { toMarkdown } = await import('@/lib/chat/chat-store');
    const answer = { id: 'a', at: 2, parentId: 'q', role: 'assistant' as const, content: 'Yes.', status: 'done' as const, provider: 'openai' as const, model: 'gpt-4', contextCut: { kept: 3, total: 9 } };
    const question = { id: 'q', at: 1, parentId: null, role: 'user' as const, content: 'And?', status: 'done' as const };
    const parsed = parseArchive(JSON.stringify(toArchive([{ id: 'c', title: 'And?', createdAt: 1, updatedAt: 2, messages: [question, answer] }])));
    expect(parsed.ok && parsed.conversations[0]!.messages[1]!.contextCut).toEqual({ kept: 3, total: 9 });
    expect(toMarkdown('And?', [question, answer])).toContain('_The model saw the newest 3 of 9 messages: the earlier ones did not fit in its context._\n\nYes.');
  });
});
