import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startFakeOpenAI } from '../servers/fake-openai';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { importFile } from './harness/import-file';
import { field } from './harness/pages';

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

/** Imports the long conversation through History and opens it, as a user would. */
async function openLongConversation(panel: Page, dir: string) {
  await panel.getByRole('button', { name: 'History' }).click();
  await importFile(panel, await longFile(dir));
  const list = panel.getByRole('region', { name: 'Conversations' });
  await expect(list.getByRole('status')).toHaveText('Imported 1 conversation (40 messages).');
  await list.getByRole('button', { name: /^Question 0/ }).click();
  await expect(panel.getByRole('log').getByRole('article').last()).toContainText('Answer 39.');
}

/** The newest 6 stored turns, whole, from a question on, then the new question. */
function expectNewestSixAndQuestion(turns: { role: string; content: string }[]) {
  expect(turns.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user', 'assistant', 'user']);
  expect(turns[0]!.content).toBe('Question 34'.padEnd(30, '?'));
  expect(turns[5]!.content).toBe('Answer 39. '.padEnd(4_500, 'x'));
  expect(turns[6]!.content).toBe('And then?');
}

test('a conversation longer than the model’s context: the request carries the newest turns that fit, and the answer says so, also after reopening and on Regenerate', async ({ extension }) => {
  const server = await startFakeOpenAI({ models: ['gpt-4'] });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-budget-'));
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI-compatible', { 'Base URL': `${server.url}/v1`, Models: 'gpt-4' });
    const panel = await extension.openSidePanel();
    await openLongConversation(panel, dir);

    await sendMessage(panel, 'And then?');
    await expectNoteOn(panel);
    const turns = lastTurns(server);
    expectNewestSixAndQuestion(turns);

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

test('a model whose name does not say: the Context size set on the options page is its budget, and a size too small is refused by name', async ({ extension }) => {
  // "llama3" is unknown to omni-ai: 32,768 tokens by default, which would keep 15 of the 20 answers.
  const server = await startFakeOpenAI({ models: ['llama3'] });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-budget-'));
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'OpenAI-compatible', { 'Base URL': `${server.url}/v1`, Models: 'llama3' });
    // Too small to leave a question room: named, and nothing saved.
    await field(options, 'Context size (tokens)').fill('1024');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByText('Context size (tokens) must be a whole number of tokens, 2,048 or more (or empty, to go by the model’s name).')).toBeVisible();
    // Ollama's num_ctx, say: the same 8,192 tokens as gpt-4 above, so the same turns go.
    await configureProvider(options, 'OpenAI-compatible', { 'Context size (tokens)': '8192' });

    const panel = await extension.openSidePanel();
    await openLongConversation(panel, dir);
    await sendMessage(panel, 'And then?');
    await expectNoteOn(panel);
    expectNewestSixAndQuestion(lastTurns(server));
  } finally {
    await server.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});
