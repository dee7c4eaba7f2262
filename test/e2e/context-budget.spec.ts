import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startFakeOpenAI } from '../servers/fake-openai';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { importFile } from './harness/import-file';

// Issue 13 target 2: a conversation longer than the model's context. The request carries only the
// newest turns that fit (lib/chat/context-budget.ts) and the answer says so, in the panel and after
// it is reopened. The model is "gpt-4" on an OpenAI-compatible server: 8,192 tokens
// (lib/providers/context-sizes.ts), a turn budget of 5,120 tokens.

const NOTE = 'The model saw the newest 7 of 41 messages: the earlier ones did not fit in its context.';

/**
 * An exported file of one conversation: 20 questions of 30 ASCII characters (18 estimated tokens
 * each) and 20 answers of 4,500 (1,508 tokens each). With a new question of 11 tokens, the newest
 * 7 turns take 4,589 tokens and an eighth would take 6,097: over the budget.
 */
async function longFile(dir: string): Promise<string> {
  const messages = Array.from({ length: 40 }, (_, i) => ({
    id: `m${i}`,
    at: i + 1,
    parentId: i ? `m${i - 1}` : null,
    role: i % 2 ? 'assistant' : 'user',
    content: i % 2 ? `Answer ${i}. `.padEnd(4_500, 'x') : `Question ${i}`.padEnd(30, '?'),
    status: 'done',
    ...(i % 2 ? { provider: 'openai-compatible', model: 'gpt-4' } : {}),
  }));
  const file = path.join(dir, 'long.json');
  const conversations = [{ id: 'long', title: 'Question 0', createdAt: 0, updatedAt: 1_700_000_000_000, messages }];
  await fs.writeFile(file, JSON.stringify({ format: 'omni-ai-conversations', version: 1, exportedAt: new Date().toISOString(), conversations }));
  return file;
}

/** The turns of the server's last chat request (a system prompt, if any, left aside). */
function lastTurns(server: Awaited<ReturnType<typeof startFakeOpenAI>>): { role: string; content: string }[] {
  const body = server.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body as { messages: { role: string; content: string }[] };
  return body.messages.filter((m) => m.role !== 'system');
}

async function expectNoteOn(panel: Page) {
  const answer = await lastAnswer(panel);
  // Part of the answer's article, so a screen reader reads it with the answer; visible in both themes.
  for (const scheme of ['light', 'dark'] as const) {
    await panel.emulateMedia({ colorScheme: scheme });
    await expect(answer.getByText(NOTE)).toBeVisible();
  }
  await panel.emulateMedia({ colorScheme: null });
  return answer;
}

test('a conversation longer than the model’s context: the request carries the newest turns that fit, and the answer says so, also after reopening and on Regenerate', async ({ extension }) => {
  const server = await startFakeOpenAI({ models: ['gpt-4'] });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-budget-'));
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI-compatible', { 'Base URL': `${server.url}/v1`, Models: 'gpt-4' });
    const panel = await extension.openSidePanel();
    await panel.getByRole('button', { name: 'History' }).click();
    await importFile(panel, await longFile(dir));
    const list = panel.getByRole('region', { name: 'Conversations' });
    await expect(list.getByRole('status')).toHaveText('Imported 1 conversation (40 messages).');
    await list.getByRole('button', { name: /^Question 0/ }).click();
    await expect(panel.getByRole('log').getByRole('article').last()).toContainText('Answer 39.');

    await sendMessage(panel, 'And then?');
    await expectNoteOn(panel);
    // The newest 6 stored turns, whole, from a question on, then the new question.
    const turns = lastTurns(server);
    expect(turns.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
    expect(turns[0]!.content).toBe('Question 34'.padEnd(30, '?'));
    expect(turns[5]!.content).toBe('Answer 39. '.padEnd(4_500, 'x'));
    expect(turns[6]!.content).toBe('And then?');

    // Reopened: the note is kept with the stored answer.
    await panel.close();
    const reopened = await extension.openSidePanel();
    const answer = await expectNoteOn(reopened);
    await expect(answer).toHaveAccessibleName('OpenAI-compatible · gpt-4');

    // Regenerate goes through the same send: the same newest turns, and the new version says so too.
    await answer.getByRole('button', { name: 'Regenerate', exact: true }).click();
    const again = await expectNoteOn(reopened);
    await expect(again.getByRole('group', { name: 'Versions' })).toContainText('Version 2 of 2');
    expect(lastTurns(server)).toEqual(turns);
    expect(server.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
  } finally {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
