import { expect, test } from './harness/fixtures';

test('corrupt stored settings give a notice on every page, keep what is valid, never a blank page', async ({
  extension,
}) => {
  const worker = await extension.serviceWorker();
  await worker.evaluate(() =>
    chrome.storage.local.set({
      'omni-ai:settings': {
        version: 1,
        state: { provider: 'openai', providers: { openai: { apiKey: 'sk-kept' }, vertex: { models: 'oops' } } },
      },
    }),
  );
  const options = await extension.openOptions();
  const panel = await extension.openSidePanel();
  const message =
    'Some saved Google Vertex AI settings could not be read and were reset: Models. Check them on the options page.';
  for (const page of [options, panel]) {
    await expect(page.getByRole('region', { name: 'Settings notices' })).toContainText(message);
  }
  await expect(options.getByRole('textbox', { name: 'API key', exact: true })).toHaveValue('sk-kept');
  await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.5');

  // Dismissed on one page, gone from the other too.
  await options.getByRole('button', { name: 'Dismiss' }).click();
  await expect(panel.getByRole('region', { name: 'Settings notices' })).toHaveCount(0);
});

test('settings from a newer version are replaced by defaults with a notice', async ({ extension }) => {
  const worker = await extension.serviceWorker();
  await worker.evaluate(() =>
    chrome.storage.local.set({ 'omni-ai:settings': { version: 99, state: { provider: 'openai' } } }),
  );
  const panel = await extension.openSidePanel();
  await expect(panel.getByRole('region', { name: 'Settings notices' })).toContainText('newer version of omni-ai');
  await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('claude-sonnet-5-5');
});
