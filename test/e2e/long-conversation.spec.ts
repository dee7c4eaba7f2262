import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { acceptKey } from '../servers/auth-check';
import { startFakeOpenAI } from '../servers/fake-openai';
import { startStaticSite } from '../servers/static-site';
import { sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { readClipboard } from './harness/clipboard';
import { belowView, wheelLogUp } from './harness/log-scroll';
import { importFile } from './harness/import-file';

// Issue 13 target 2: a 1,000-message conversation, of which the log mounts only the messages near
// the view (components/chat/WindowedMessages.tsx). What a user sees and does in it.

const answerText = (i: number) =>
  `## Answer ${i}\n\n${'A paragraph that runs on, as answers do. '.repeat(10)}\n\n- one point\n- another\n\n\`\`\`ts\nconst value${i} = ${i};\n\`\`\``;

/** An exported file of one conversation: 500 questions, 500 answers by OpenAI · gpt-5.5. */
async function thousandMessageFile(dir: string): Promise<string> {
  const messages = Array.from({ length: 500 }, (_, i) => [
    { id: `q${i}`, at: i * 2, parentId: i ? `a${i - 1}` : null, role: 'user', content: `Question ${i}: and then?`, status: 'done' },
    { id: `a${i}`, at: i * 2 + 1, parentId: `q${i}`, role: 'assistant', content: answerText(i), status: 'done', provider: 'openai', model: 'gpt-5.5' },
  ]).flat();
  const file = path.join(dir, 'thousand.json');
  const conversations = [{ id: 'thousand', title: 'Question 0: and then?', createdAt: 0, updatedAt: 1_700_000_000_000, messages }];
  await fs.writeFile(file, JSON.stringify({ format: 'omni-ai-conversations', version: 1, exportedAt: new Date().toISOString(), conversations }));
  return file;
}

/** How far the log's scrolled content goes below what it shows, in px (0 at its end). */

async function openImported(panel: Page, file: string) {
  await panel.getByRole('button', { name: 'History' }).click();
  await importFile(panel, file);
  const list = panel.getByRole('region', { name: 'Conversations' });
  await expect(list.getByRole('status')).toHaveText('Imported 1 conversation (1,000 messages).');
  await list.getByRole('button', { name: /^Question 0/ }).click();
}

/** Imports the 1,000-message conversation through History and opens it; the exported file goes once read. */
async function openThousand(panel: Page) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-thousand-'));
  try {
    await openImported(panel, await thousandMessageFile(dir));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** Where the user pastes what Copy took: a web page (an extension's origin gets no clipboard permission by CDP). */
const notesPage = () => startStaticSite('<!doctype html><title>Notes</title><textarea aria-label="Notes"></textarea>');

test('a 1,000-message conversation opens at its last answer, scrolls by keyboard to its first question, and a message far up keeps its actions', async ({ extension }) => {
  const site = await notesPage();
  try {
    const panel = await extension.openSidePanel();
    await openThousand(panel);

    const log = panel.getByRole('log', { name: 'Conversation' });
    const articles = log.getByRole('article');
    // It opens at its end: the last answer, rendered, in view; it says it is the 1,000th of 1,000.
    const last = articles.last();
    await expect(last.getByRole('heading', { name: 'Answer 499' })).toBeInViewport();
    await expect(last).toHaveAccessibleName('OpenAI · gpt-5.5');
    await expect(last).toHaveAttribute('aria-posinset', '1000');
    await expect(last).toHaveAttribute('aria-setsize', '1000');
    await expect.poll(() => belowView(log)).toBeLessThan(2);
    // Only the messages near the view are in the page, not 1,000.
    expect(await articles.count()).toBeLessThan(40);

    // Keyboard: a click in the conversation, then Home goes to its first question, End back to the last answer.
    await last.locator('p').first().click();
    await panel.keyboard.press('Home');
    const firstQuestion = articles.first();
    await expect(firstQuestion).toHaveAttribute('aria-posinset', '1');
    await expect(firstQuestion).toHaveAccessibleName('You');
    await expect(firstQuestion).toContainText('Question 0: and then?');
    await expect(firstQuestion).toBeInViewport();
    await panel.keyboard.press('End');
    await expect(articles.last().getByRole('heading', { name: 'Answer 499' })).toBeInViewport();
    await expect.poll(() => belowView(log)).toBeLessThan(2);
    // PageUp moves up a screen at a time: the last answer leaves the view, an earlier message comes into it.
    await panel.keyboard.press('PageUp');
    await panel.keyboard.press('PageUp');
    await expect.poll(() => belowView(log)).toBeGreaterThan(200);

    // The first answer, far up: Copy works there, and copies it as Markdown.
    await panel.keyboard.press('Home');
    const firstAnswer = log.getByRole('article').filter({ has: panel.getByRole('heading', { name: 'Answer 0', exact: true }) });
    await expect(firstAnswer).toHaveAttribute('aria-posinset', '2');
    const actions = firstAnswer.getByRole('toolbar', { name: 'Message actions' });
    await firstAnswer.hover();
    await actions.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(actions).toContainText('Copied');
    expect(await readClipboard(extension.context, site.url)).toBe(answerText(0));
  } finally {
    await site.close();
  }
});

test('in a 1,000-message conversation an answer scrolled away and back is shown as before, highlighted, and its code block’s Copy copies the code', async ({ extension }) => {
  // A finished answer mounted again is a clone of its first rendering (components/chat/rendered-answers.ts).
  const site = await notesPage();
  try {
    const panel = await extension.openSidePanel();
    await openThousand(panel);
    const log = panel.getByRole('log', { name: 'Conversation' });
    const lastAnswer = () => log.getByRole('article').filter({ has: panel.getByRole('heading', { name: 'Answer 499', exact: true }) });
    await expect(lastAnswer()).toBeInViewport();
    const before = await lastAnswer().locator('.markdown').innerHTML();

    // Away to the first question (the last answer is unmounted) and back.
    await lastAnswer().locator('p').first().click();
    await panel.keyboard.press('Home');
    await expect(log.getByRole('article').first()).toHaveAttribute('aria-posinset', '1');
    await expect(lastAnswer()).toHaveCount(0);
    await panel.keyboard.press('End');
    await expect(lastAnswer()).toBeInViewport();
    expect(await lastAnswer().locator('.markdown').innerHTML()).toBe(before);
    // Highlighted as before: the code's keyword is marked up.
    await expect(lastAnswer().locator('code .hljs-keyword').first()).toHaveText('const');

    await lastAnswer().getByRole('button', { name: 'Copy code' }).click();
    await expect(lastAnswer().getByRole('button', { name: 'Copy code' })).toHaveText('Copied');
    expect(await readClipboard(extension.context, site.url)).toBe('const value499 = 499;');
  } finally {
    await site.close();
  }
});

test('in a 1,000-message conversation a new answer streams in view and the log follows it, but not once the user scrolled up', async ({ extension }) => {
  const reply = Array.from({ length: 40 }, (_, i) => `Line ${i} of a long new answer, which grows past one screen.`).join('\n\n');
  const server = await startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk'), reply, behaviour: { mode: 'ok', durationMs: 3_000 } });
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI', { 'API key': 'sk', 'Base URL': `${server.url}/v1` });
    const panel = await extension.openSidePanel();
    await openThousand(panel);
    const log = panel.getByRole('log', { name: 'Conversation' });
    const articles = log.getByRole('article');
    await expect(articles.last().getByRole('heading', { name: 'Answer 499' })).toBeInViewport();

    await sendMessage(panel, 'And the 501st question?');
    const answer = articles.last();
    await expect(answer).toHaveAttribute('aria-busy', 'true');
    await expect(answer).toHaveAttribute('aria-posinset', '1002');
    // While it streams, the log keeps to its end: at two moments, its growing end is in view.
    await expect(answer).toContainText('Line 10 of');
    expect(await belowView(log)).toBeLessThan(41);
    await expect(answer).toContainText('Line 25 of');
    expect(await belowView(log)).toBeLessThan(41);
    await expect(answer).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
    await expect(answer.getByText('Line 39 of a long new answer')).toBeInViewport();
    await expect.poll(() => belowView(log)).toBeLessThan(41);
    // The whole request went out: every earlier message, then the new question.
    const sent = server.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!.body.messages as { content: string }[];
    expect(sent).toHaveLength(1001);
    expect(sent.at(-1)!.content).toBe('And the 501st question?');

    // Another question; the user scrolls up while it streams: the log stays where the user put it.
    await sendMessage(panel, 'And one more?');
    await expect(articles.last()).toHaveAttribute('aria-posinset', '1004');
    await expect(articles.last()).toContainText('Line 3 of');
    await wheelLogUp(panel, log, 1500);
    expect(await belowView(log)).toBeGreaterThan(1000);
    const top = await log.evaluate((el) => el.scrollTop);
    await expect(log.getByRole('article').filter({ hasText: 'Line 39 of' }).last()).toHaveAttribute('aria-busy', 'false', { timeout: 15_000 });
    expect(await log.evaluate((el) => el.scrollTop)).toBe(top);
  } finally {
    await server.close();
  }
});

test('in a 1,000-message conversation a question far up being edited keeps its draft while the user scrolls away and back', async ({ extension }) => {
  const panel = await extension.openSidePanel();
  await openThousand(panel);
  const log = panel.getByRole('log', { name: 'Conversation' });
  await expect(log.getByRole('article').last().getByRole('heading', { name: 'Answer 499' })).toBeInViewport();
  await log.getByRole('article').last().locator('p').first().click();
  await panel.keyboard.press('Home');
  const first = log.getByRole('article').filter({ hasText: 'Question 0: and then?' });
  await expect(first).toBeInViewport();
  await first.hover();
  await first.getByRole('button', { name: 'Edit' }).click();
  await first.getByRole('textbox', { name: 'Edited message' }).fill('Question 0, put better');

  // To the end of the conversation and back: the question and its draft are still there.
  await log.focus();
  await panel.keyboard.press('End');
  await expect(log.getByRole('article').last().getByRole('heading', { name: 'Answer 499' })).toBeInViewport();
  await panel.keyboard.press('Home');
  const edited = log.getByRole('article').first();
  await expect(edited).toHaveAttribute('aria-posinset', '1');
  await expect(edited.getByRole('textbox', { name: 'Edited message' })).toHaveValue('Question 0, put better');
});
