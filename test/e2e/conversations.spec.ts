import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { RECORDED_TEXT } from '../servers/recorded';
import { lastAnswer, sendMessage, storedMessages } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { importFile } from './harness/import-file';

test('a conversation survives closing the panel mid-answer, reopening it, and a browser restart', async ({ extension, relaunch }) => {
  const anthropic = await startFakeAnthropic({
    models: ['claude-sonnet-5-5'],
    credential: acceptKey('a'),
    behaviour: { mode: 'ok', durationMs: 4_000 },
  });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    let panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi, how are you?');
    await expect(panel.getByRole('log').getByRole('article').last().locator('.content')).toContainText('Hello');
    await panel.close(); // mid-answer

    await expect.poll(() => anthropic.log.completed, { timeout: 15_000 }).toBe(1);
    panel = await extension.openSidePanel();
    await expect(panel.getByRole('article', { name: 'You' })).toHaveText('Hi, how are you?');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    await extension.close();

    const again = await relaunch();
    const reopened = await again.openSidePanel();
    await expect(reopened.getByRole('article', { name: 'You' })).toHaveText('Hi, how are you?');
    await expect(reopened.getByRole('article', { name: 'Anthropic · claude-sonnet-5-5' }).locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
  } finally {
    await anthropic.close();
  }
});

test('history lists past conversations by their first message, to reopen or delete; export gives Markdown', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'First question about tides');
    await lastAnswer(panel);
    await panel.getByRole('button', { name: 'New chat' }).click();
    await expect(panel.getByRole('log').getByRole('article')).toHaveCount(0);
    await sendMessage(panel, 'Second question about moons');
    await lastAnswer(panel);

    // Export the open conversation.
    const download = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export' }).click();
    const file = await (await download).path();
    expect(await fs.readFile(file, 'utf8')).toBe(
      `# Second question about moons\n\n**You**\n\nSecond question about moons\n\n**Anthropic · claude-sonnet-5-5**\n\n${RECORDED_TEXT.anthropic}\n`,
    );

    await panel.getByRole('button', { name: 'History' }).click();
    const list = panel.getByRole('region', { name: 'Conversations' });
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await expect(list.getByRole('listitem').first()).toContainText('Second question about moons');
    await list.getByRole('button', { name: /^First question about tides/ }).click();
    await expect(panel.getByRole('article', { name: 'You' })).toHaveText('First question about tides');

    await panel.getByRole('button', { name: 'History' }).click();
    await list.getByRole('button', { name: 'Delete “First question about tides”' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await expect(list).not.toContainText('First question');
  } finally {
    await anthropic.close();
  }
});

test('an answer cut off when Chrome stops the worker says so, in every panel, and Retry asks again', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a'), behaviour: { mode: 'hang' } });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hi, how are you?');
    await expect(panel.getByRole('log').getByRole('article').last().locator('.content')).toContainText('Hello');

    await extension.stopServiceWorker(panel); // the run dies with the worker
    const interrupted = 'This answer was interrupted when omni-ai’s background worker stopped. Press Retry to ask again.';
    await expect(panel.getByRole('alert')).toHaveText(new RegExp(`${interrupted}\\s*Retry`));
    // The new worker marked the stored record (found through its status index), so every panel
    // opened later shows it as interrupted, not as an answer still on its way.
    const other = await extension.openSidePanel();
    const storedStatus = async () => (await storedMessages(other)).filter((m) => m.role === 'assistant').map((m) => m.status);
    await expect.poll(storedStatus).toEqual(['error']);
    await expect(other.getByRole('alert')).toContainText(interrupted);

    anthropic.behaviour.mode = 'ok';
    await other.getByRole('button', { name: 'Retry' }).click();
    await expect((await lastAnswer(other)).locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
  } finally {
    await anthropic.close();
  }
});

test('a conversation just short of windowing opens at its end, and its first answer stays reachable: its words, its Markdown once scrolled to, its actions by keyboard', async ({ extension }) => {
  // 98 messages with answers of some length, brought in as an exported file: every one of them is in
  // the page (find-in-page sees them); from WINDOW_FROM (100) on, only those near the view are
  // (components/chat/window-rows.ts; test/e2e/long-conversation.spec.ts).
  const answer = (i: number) => `## Answer ${i}\n\n${'A paragraph that runs on, as answers do. '.repeat(12)}\n\n\`\`\`ts\nconst value${i} = ${i};\n\`\`\``;
  const messages = Array.from({ length: 49 }, (_, i) => [
    { id: `q${i}`, at: i * 2, parentId: i ? `a${i - 1}` : null, role: 'user', content: `Question ${i}`, status: 'done' },
    { id: `a${i}`, at: i * 2 + 1, parentId: `q${i}`, role: 'assistant', content: answer(i), status: 'done', provider: 'anthropic', model: 'claude-sonnet-5-5' },
  ]).flat();
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-long-'));
  try {
    const file = path.join(dir, 'long.json');
    const conversations = [{ id: 'long', title: 'Question 0', createdAt: 0, updatedAt: 1_700_000_000_000, messages }];
    await fs.writeFile(file, JSON.stringify({ format: 'omni-ai-conversations', version: 1, exportedAt: new Date().toISOString(), conversations }));
    const panel = await extension.openSidePanel();
    await panel.getByRole('button', { name: 'History' }).click();
    await importFile(panel, file);
    const list = panel.getByRole('region', { name: 'Conversations' });
    await expect(list.getByRole('status')).toHaveText('Imported 1 conversation (98 messages).');
    await list.getByRole('button', { name: /^Question 0/ }).click();

    const log = panel.getByRole('log', { name: 'Conversation' });
    const articles = log.getByRole('article');
    await expect(articles).toHaveCount(98);
    // It opens at its end, the last answer rendered.
    await expect(articles.last().getByRole('heading', { name: 'Answer 48' })).toBeInViewport();
    // Far above, the first answer is there with all its words (find-in-page and screen readers see them)...
    const first = articles.nth(1);
    await expect(first).toHaveAccessibleName('Anthropic · claude-sonnet-5-5');
    await expect(first).toContainText('const value0 = 0;');
    // ...and shows as Markdown once scrolled to.
    await first.scrollIntoViewIfNeeded();
    await expect(first.getByRole('heading', { name: 'Answer 0' })).toBeVisible();
    await expect(first.locator('pre code')).toHaveText('const value0 = 0;');
    // Its actions work by keyboard: Tab from the message box's side is long, so focus Copy and press Enter.
    const actions = first.getByRole('toolbar', { name: 'Message actions' });
    await actions.getByRole('button', { name: 'Copy', exact: true }).focus();
    await panel.keyboard.press('Enter');
    await expect(actions).toContainText('Copied');
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
