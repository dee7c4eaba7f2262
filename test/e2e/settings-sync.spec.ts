import { expect, test } from './harness/fixtures';
import { chooseProvider, field, optionLabels } from './harness/pages';

test('switching the provider on the options page changes the side panel’s models at once, and back', async ({
  extension,
}) => {
  const panel = await extension.openSidePanel();
  const options = await extension.openOptions();
  const model = panel.getByRole('combobox', { name: 'Model' });

  // Defaults: Anthropic with a current Claude Sonnet.
  await expect(model).toHaveValue('claude-sonnet-5-5');
  await expect(options.getByRole('combobox', { name: 'Provider' })).toHaveValue('anthropic');
  await model.selectOption('claude-opus-5-5');

  await chooseProvider(options, 'OpenAI');
  await expect(model).toHaveValue('gpt-5.5');
  expect(await optionLabels(panel, 'Model')).toEqual(['gpt-5.5', 'gpt-6.1-sol', 'gpt-5.4-mini', 'gpt-5.4-nano']);

  // An enterprise provider lists the user's own deployments once they are saved.
  await chooseProvider(options, 'Azure OpenAI');
  await expect(model).toBeDisabled();
  await field(options, 'Endpoint').fill('https://contoso.openai.azure.com');
  await field(options, 'Models').fill('gpt-4o-prod\ngpt-4o-mini-eval');
  await field(options, 'Token endpoint').fill('https://login.microsoftonline.com/tenant/oauth2/v2.0/token');
  await field(options, 'Client ID').fill('app-id');
  await field(options, 'Client secret').fill('app-secret');
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status')).toHaveText('Saved Azure OpenAI settings.');
  await expect(model).toBeEnabled();
  expect(await optionLabels(panel, 'Model')).toEqual(['gpt-4o-prod', 'gpt-4o-mini-eval']);

  // Back to Anthropic: the model chosen there before is remembered.
  await chooseProvider(options, 'Anthropic');
  await expect(model).toHaveValue('claude-opus-5-5');
});

test('a model chosen in the side panel survives a reload', async ({ extension }) => {
  const panel = await extension.openSidePanel();
  await panel.getByRole('combobox', { name: 'Model' }).selectOption('claude-haiku-5-5');
  await panel.reload();
  await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('claude-haiku-5-5');
});

test('provider and model survive a browser restart on the same profile', async ({ extension, relaunch }) => {
  const options = await extension.openOptions();
  await chooseProvider(options, 'OpenAI');
  const panel = await extension.openSidePanel();
  await panel.getByRole('combobox', { name: 'Model' }).selectOption('gpt-5.4-mini');
  await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.4-mini');
  await extension.close();

  const again = await relaunch();
  const panelAgain = await again.openSidePanel();
  await expect(panelAgain.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.4-mini');
  const optionsAgain = await again.openOptions();
  await expect(optionsAgain.getByRole('combobox', { name: 'Provider' })).toHaveValue('openai');
});

test('saving invalid settings names each wrong field and saves nothing', async ({ extension }) => {
  const options = await extension.openOptions();
  await chooseProvider(options, 'Azure OpenAI');
  await field(options, 'Endpoint').fill('http://contoso.openai.azure.com');
  await field(options, 'Models').fill('gpt-4o-prod');
  await field(options, 'Client ID').fill('app-id');
  await options.getByRole('button', { name: 'Save', exact: true }).click();

  await expect(options.getByRole('status')).toHaveText('Not saved. Fix Endpoint, Token endpoint, Client secret.');
  // Where to find the value, then what is wrong with it.
  await expect(field(options, 'Endpoint')).toHaveAccessibleDescription(
    'In the Azure portal: your Azure OpenAI resource → Keys and Endpoint → Endpoint. Endpoint must start with https:// (plain http is allowed only for localhost and 127.0.0.1).',
  );
  await expect(field(options, 'Endpoint')).toBeFocused();
  await expect(field(options, 'Client secret')).toHaveAttribute('aria-invalid', 'true');

  // Nothing of it reached storage, and a fresh page shows the stored (empty) values.
  const worker = await extension.serviceWorker();
  const stored = await worker.evaluate(() => chrome.storage.local.get('omni-ai:settings'));
  expect(JSON.stringify(stored)).not.toContain('app-id');
  const fresh = await extension.openOptions();
  await expect(field(fresh, 'Client ID')).toHaveValue('');
});

test('credentials saved on one options page appear on another open one without a reload', async ({ extension }) => {
  const first = await extension.openOptions();
  const second = await extension.openOptions();
  await chooseProvider(first, 'OpenAI');
  await field(first, 'API key').fill('sk-from-first-page');
  await first.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(first.getByRole('status')).toHaveText('Saved OpenAI settings.');
  await expect(second.getByRole('combobox', { name: 'Provider' })).toHaveValue('openai');
  await expect(field(second, 'API key')).toHaveValue('sk-from-first-page');
  // Masked until the user asks to see it.
  await expect(field(second, 'API key')).toHaveAttribute('type', 'password');
  await second.getByRole('button', { name: 'Show API key' }).click();
  await expect(field(second, 'API key')).toHaveAttribute('type', 'text');
});
