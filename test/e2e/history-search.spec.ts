import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { lastAnswer, sendMessage, storedMessages } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { importFile } from './harness/import-file';

// History: search by title and text; Export all as JSON, and Import it back without duplicates.

async function converse(panel: Page, question: string) {
  await panel.getByRole('button', { name: 'New chat' }).click();
  await sendMessage(panel, question);
  await lastAnswer(panel);
}

test('search finds conversations by the words of their questions and answers', async ({ extension }) => {
  // Each answer says something of its own, so the search has answers to find as well as questions.
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a'), deltas: ['Spring tides follow the ', 'new and full moon.'] });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await converse(panel, 'Why are there tides?');
    await converse(panel, 'Which volcanoes erupted in Iceland?');
    await converse(panel, '東京の天気はどうですか');

    await panel.getByRole('button', { name: 'History' }).click();
    const list = panel.getByRole('region', { name: 'Conversations' });
    const search = list.getByRole('searchbox', { name: 'Search conversations' });
    await expect(list.getByRole('listitem')).toHaveCount(3);

    await search.fill('volc');
    await expect(list.getByRole('listitem')).toHaveText([/^Which volcanoes erupted in Iceland\?/]);
    await expect(list.getByRole('status')).toHaveText('1 conversation matches.');

    await search.fill('moon'); // only in the answers
    await expect(list.getByRole('listitem')).toHaveCount(3);

    await search.fill('ICELAND moon');
    await expect(list.getByRole('listitem')).toHaveText([/^Which volcanoes/]);

    await search.fill('天気');
    await expect(list.getByRole('listitem')).toHaveText([/^東京の天気/]);

    await search.fill('glacier');
    await expect(list.getByRole('listitem')).toHaveCount(0);
    await expect(list.getByRole('status')).toHaveText('No conversation matches.');

    await search.fill('');
    await expect(list.getByRole('listitem')).toHaveCount(3);
    await list.getByRole('button', { name: /^Why are there tides\?/ }).click();
    await expect(panel.getByRole('article', { name: 'You' })).toHaveText('Why are there tides?');
  } finally {
    await anthropic.close();
  }
});

test('Export all, delete everything, Import it back and again: every conversation once, found by search, and it goes on', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-export-'));
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await converse(panel, 'First question about tides');
    await panel.getByRole('button', { name: 'Regenerate', exact: true }).click(); // two versions of the answer
    await lastAnswer(panel);
    await converse(panel, 'Second question about moons');

    await panel.getByRole('button', { name: 'History' }).click();
    const download = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export all' }).click();
    const file = path.join(dir, (await download).suggestedFilename());
    await (await download).saveAs(file);
    await expect(panel.getByRole('status')).toHaveText('Exported 2 conversations.');
    expect(path.basename(file)).toMatch(/^omni-ai-conversations-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = JSON.parse(await fs.readFile(file, 'utf8')) as { format: string; conversations: { title: string; messages: unknown[] }[] };
    expect(exported.format).toBe('omni-ai-conversations');
    expect(exported.conversations.map((c) => [c.title, c.messages.length])).toEqual([
      ['Second question about moons', 2],
      ['First question about tides', 3],
    ]);

    // Everything deleted, as on a new computer: the file brings it all back.
    const list = panel.getByRole('region', { name: 'Conversations' });
    for (const title of ['First question about tides', 'Second question about moons'])
      await list.getByRole('button', { name: `Delete “${title}”` }).click();
    await expect(list.getByRole('listitem')).toHaveCount(0);

    await importFile(panel, file);
    await expect(list.getByRole('status')).toHaveText('Imported 2 conversations (5 messages).');
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await importFile(panel, file);
    await expect(list.getByRole('status')).toHaveText('Nothing to import: 2 conversations in the file are here already.');
    await expect(list.getByRole('listitem')).toHaveCount(2);
    expect(await storedMessages(panel)).toHaveLength(5);

    await list.getByRole('searchbox', { name: 'Search conversations' }).fill('tides');
    await expect(list.getByRole('listitem')).toHaveText([/^First question about tides/]);
    await list.getByRole('button', { name: /^First question about tides/ }).click();
    await expect(panel.getByRole('log').getByRole('article').last().getByRole('group', { name: 'Versions' })).toContainText('Version 2 of 2');

    // A conversation brought back can go on: its next answer is stored.
    await sendMessage(panel, 'And the Moon?');
    await lastAnswer(panel);
    await expect.poll(async () => (await storedMessages(panel)).length).toBe(7);
  } finally {
    await anthropic.close();
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('a file that is not an export is refused with what is wrong and where, and nothing is imported', async ({ extension }) => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-import-'));
  try {
    const panel = await extension.openSidePanel();
    await panel.getByRole('button', { name: 'History' }).click();
    const list = panel.getByRole('region', { name: 'Conversations' });

    const notJson = path.join(dir, 'notes.json');
    await fs.writeFile(notJson, 'my notes, not JSON');
    await importFile(panel, notJson);
    await expect(list.getByRole('alert')).toContainText('This file is not an omni-ai export: it is not JSON');
    await expect(list.getByRole('alert')).toContainText('Choose a file made by History → Export all.');

    const broken = path.join(dir, 'broken.json');
    const message = { id: 'm1', at: 1, role: 'robot', content: 'Hi', status: 'done' };
    await fs.writeFile(
      broken,
      JSON.stringify({ format: 'omni-ai-conversations', version: 1, exportedAt: '2026-11-01T00:00:00Z', conversations: [{ id: 'c1', title: 'T', createdAt: 1, updatedAt: 1, messages: [message] }] }),
    );
    await importFile(panel, broken);
    await expect(list.getByRole('alert')).toContainText('This file could not be imported: conversations[0].messages[0].role:');
    await expect(list.getByRole('alert')).toContainText('Nothing was imported.');
    await expect(list.getByRole('listitem')).toHaveCount(0);
    expect(await storedMessages(panel)).toEqual([]);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});

test('a long history is read as it is scrolled: every conversation reachable once, newest first, by search too, and deleting keeps the place', async ({ extension }) => {
  // 130 conversations, more than two pages of the list, brought in as a user would: an exported file.
  const count = 130;
  const name = (i: number) => `Conversation ${String(i).padStart(3, '0')} about tides`;
  const conversations = Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    title: name(i),
    createdAt: 1_700_000_000_000 + i * 60_000,
    updatedAt: 1_700_000_000_000 + i * 60_000,
    messages: [
      { id: `c${i}-q`, at: 1_700_000_000_000 + i * 60_000, parentId: null, role: 'user', content: name(i), status: 'done' },
      { id: `c${i}-a`, at: 1_700_000_000_001 + i * 60_000, parentId: `c${i}-q`, role: 'assistant', content: 'Tides follow the Moon.', status: 'done', provider: 'anthropic', model: 'claude-sonnet-5-5' },
    ],
  }));
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'omni-ai-history-'));
  try {
    const file = path.join(dir, 'history.json');
    await fs.writeFile(file, JSON.stringify({ format: 'omni-ai-conversations', version: 1, exportedAt: new Date().toISOString(), conversations }));
    const panel = await extension.openSidePanel();
    await panel.getByRole('button', { name: 'History' }).click();
    const list = panel.getByRole('region', { name: 'Conversations' });
    await importFile(panel, file);
    await expect(list.getByRole('status')).toHaveText(`Imported ${count} conversations (${count * 2} messages).`);

    const rows = list.getByRole('listitem');
    const newestFirst = Array.from({ length: count }, (_, i) => name(count - 1 - i));
    const titles = () => rows.locator('.history-title').allTextContents();
    /** Scrolls the list to its end, as a user would, until no "Show more" is left. */
    const scrollToEnd = async () => {
      const more = list.getByRole('button', { name: /^Show more/ });
      while (await more.isVisible()) {
        const before = await rows.count();
        await more.scrollIntoViewIfNeeded();
        await expect(rows).not.toHaveCount(before);
      }
    };

    // Only the first pages are read: the oldest is not listed yet.
    await expect(rows.first()).toHaveText(new RegExp(`^${name(count - 1)}`));
    expect(await rows.count()).toBeLessThan(count);
    await scrollToEnd();
    expect(await titles()).toEqual(newestFirst);

    // Deleting one keeps the rows read; the rest still comes once each.
    await list.getByRole('searchbox', { name: 'Search conversations' }).fill('');
    await panel.getByRole('button', { name: 'New chat' }).click();
    await panel.getByRole('button', { name: 'History' }).click();
    // Reopened, the list reads its first page again: wait for it to replace the rows read before.
    await expect.poll(() => rows.count()).toBeLessThan(count);
    await expect(rows.first()).toHaveText(new RegExp(`^${name(count - 1)}`));
    const shown = await rows.count();
    await list.getByRole('button', { name: `Delete “${name(count - 3)}”` }).click();
    await expect(rows).toHaveCount(shown - 1);
    await scrollToEnd();
    expect(await titles()).toEqual(newestFirst.filter((t) => t !== name(count - 3)));

    // "Show more" by keyboard alone: Enter on it reads the next page (focused without scrolling it
    // into view, so it is the key press that reads, not the scroll).
    const search = list.getByRole('searchbox', { name: 'Search conversations' });
    await search.fill('tides');
    await expect(list.getByRole('status')).toHaveText(`${count - 1} conversations match.`);
    await expect(rows.first()).toHaveText(new RegExp(`^${name(count - 1)}`));
    const found = await rows.count();
    expect(found).toBeLessThan(count - 1);
    await list.getByRole('button', { name: /^Show more/ }).evaluate((button: HTMLElement) => button.focus({ preventScroll: true }));
    await panel.keyboard.press('Enter');
    await expect.poll(() => rows.count()).toBeGreaterThan(found);
    await scrollToEnd();
    expect(await titles()).toEqual(newestFirst.filter((t) => t !== name(count - 3)));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
});
