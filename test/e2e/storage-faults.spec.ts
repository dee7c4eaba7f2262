import fs from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { RECORDED_TEXT } from '../servers/recorded';
import { lastAnswer, sendMessage, storedMessages } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';

/** Every stored conversation record, read straight from omni-ai's IndexedDB in one of its pages. */
function storedConversations(page: Page): Promise<unknown[]> {
  return page.evaluate(
    () =>
      new Promise<unknown[]>((resolve, reject) => {
        const request = indexedDB.open('omni-ai');
        request.onsuccess = () => {
          const all = request.result.transaction('conversations').objectStore('conversations').getAll();
          all.onsuccess = () => {
            request.result.close();
            resolve(all.result);
          };
          all.onerror = () => reject(all.error);
        };
        request.onerror = () => reject(request.error);
      }),
  );
}

/** The stored settings blob, read in `page`: the extension's storage calls from one page are answered in order. */
function storedSettings(page: Page): Promise<unknown> {
  return page.evaluate(async () => (await chrome.storage.local.get('omni-ai:settings'))['omni-ai:settings']);
}

test('conversations stored by a newer omni-ai: the panel says what to do, and the answer still shows and exports', async ({
  extension,
}) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });

    // A newer omni-ai upgraded the database on this profile. The worker opened it at start; this open
    // at a higher version succeeds only if omni-ai's connections close when asked (versionchange).
    await options.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const request = indexedDB.open('omni-ai', 99);
          request.onsuccess = () => {
            request.result.close();
            resolve();
          };
          request.onerror = () => reject(request.error);
          request.onblocked = () => reject(new Error('blocked: an omni-ai connection did not close on versionchange'));
        }),
    );

    const panel = await extension.openSidePanel();
    // Reading the history fails: an alert with what to do, not a blank panel.
    await expect(panel.getByRole('log').getByRole('alert')).toHaveText(
      /^Your saved conversations could not be read: a newer version of omni-ai stored its conversations on this browser profile \(VersionError.*\)\. Update omni-ai to read and save conversations again\./,
    );

    await sendMessage(panel, 'Hi, how are you?');
    const answer = await lastAnswer(panel); // it ends: never a spinner
    await expect(answer.locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    await expect(answer.getByRole('alert')).toHaveText(
      /^Not saved: a newer version of omni-ai .*Update omni-ai to read and save conversations again\. Until then, use Export to keep the conversation you are in\.$/,
    );

    // What the alert offers works: Export keeps the conversation.
    const download = panel.waitForEvent('download');
    await panel.getByRole('button', { name: 'Export' }).click();
    const exported = await fs.readFile(await (await download).path(), 'utf8');
    expect(exported).toContain('Hi, how are you?');
    expect(exported).toContain(RECORDED_TEXT.anthropic);
  } finally {
    await anthropic.close();
  }
});

test('a conversation deleted from History while its answer streams: the request is closed and nothing is left stored', async ({
  extension,
}) => {
  // A long answer: without the stop it would go on streaming (and writing) well after the delete.
  const anthropic = await startFakeAnthropic({
    models: ['claude-sonnet-5-5'],
    credential: acceptKey('a'),
    behaviour: { mode: 'ok', durationMs: 15_000 },
  });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Tell me about tides');
    await expect(panel.getByRole('log').getByRole('article').last().locator('.content')).toContainText('Hello');
    // The streaming answer is in storage, as it will be for a user who deletes it now.
    await expect.poll(async () => (await storedMessages(panel)).map((m) => m.role).sort()).toEqual(['assistant', 'user']);

    await panel.getByRole('button', { name: 'History' }).click();
    const list = panel.getByRole('region', { name: 'Conversations' });
    await list.getByRole('button', { name: 'Delete “Tell me about tides”' }).click();
    await expect(list.getByRole('listitem')).toHaveCount(0);

    // The worker stopped the run before deleting: the provider saw the request closed, not finished.
    expect(anthropic.log).toEqual({ closedByClient: 1, completed: 0 });
    expect(await storedMessages(panel)).toEqual([]);
    expect(await storedConversations(panel)).toEqual([]);
    await panel.getByRole('button', { name: 'History' }).click();
    await expect(panel.getByRole('log').getByRole('article')).toHaveCount(0);
  } finally {
    await anthropic.close();
  }
});

test('settings saved by a newer omni-ai survive a model pick and a dismissed notice, until Replace with defaults', async ({
  extension,
}) => {
  const newer = { version: 99, state: { provider: 'openai', future: 'kept for the newer version' } };
  const worker = await extension.serviceWorker();
  await worker.evaluate((value) => chrome.storage.local.set({ 'omni-ai:settings': value }), newer);
  const options = await extension.openOptions();
  const panel = await extension.openSidePanel();
  await expect(panel.getByRole('region', { name: 'Settings notices' })).toContainText('newer version of omni-ai');

  await panel.getByRole('combobox', { name: 'Model' }).selectOption('claude-opus-5-5');
  await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('claude-opus-5-5'); // in memory
  expect(await storedSettings(panel)).toEqual(newer);

  await options.getByRole('button', { name: 'Dismiss' }).click();
  expect(await storedSettings(options)).toEqual(newer);
  // The notice is gone; what is still true stays, with the one button that may write over them.
  const notices = options.getByRole('region', { name: 'Settings notices' });
  await expect(notices).not.toContainText('format 99');
  await expect(notices).toContainText('changes made here are not saved');

  // Saving a provider says why it cannot, and what to do.
  await options.getByRole('textbox', { name: 'API key', exact: true }).fill('sk-ant-new');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status')).toHaveText(
    'Not saved: your saved settings are from a newer version of omni-ai and are kept until you choose. Update omni-ai to get them back, or press “Replace with defaults” (at the top of this page) and save again.',
  );
  expect(await storedSettings(options)).toEqual(newer);

  await panel.getByRole('button', { name: 'Replace with defaults' }).click();
  await expect(panel.getByRole('region', { name: 'Settings notices' })).toHaveCount(0);
  await expect(notices).toHaveCount(0); // every page follows
  await expect.poll(() => storedSettings(options)).toMatchObject({ version: 1, state: { selectedModels: { anthropic: 'claude-opus-5-5' } } });
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status')).toHaveText('Saved Anthropic settings.');
  // The key is stored sealed (issue 12: never readable by a content script), and a page opened now reads it back.
  await expect
    .poll(() => storedSettings(options))
    .toMatchObject({ state: { providers: { anthropic: { apiKey: expect.stringMatching(/^omni-ai-sealed:1:/) } } } });
  const reopened = await extension.openOptions();
  await expect(reopened.getByRole('textbox', { name: 'API key', exact: true })).toHaveValue('sk-ant-new');
});
