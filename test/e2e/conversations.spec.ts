import fs from 'node:fs/promises';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { RECORDED_TEXT } from '../servers/recorded';
import { lastAnswer, sendMessage, storedMessages } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';

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
