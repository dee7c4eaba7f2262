import type { Page, Worker } from '@playwright/test';
import { startFakeOpenAI } from '../servers/fake-openai';
import { RECORDED_TEXT } from '../servers/recorded';
import { startStaticSite } from '../servers/static-site';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { chooseProvider, field, optionLabels } from './harness/pages';
import { askWorker } from './harness/worker-message';

// Each test writes a real policy file to /etc/chromium/policies/managed/ before Chromium starts
// (harness/policy-file.ts) and removes it afterwards, whatever happened.

/** Chrome re-reads a rewritten policy file after about 5 s (MACHINE.md); a removed one at once. */
const POLICY_APPLIED = { timeout: 20_000 };

const ALL_PROVIDERS = ['OpenAI', 'Anthropic', 'Azure OpenAI', 'AWS Bedrock', 'Google Vertex AI', 'OpenAI-compatible'];

/** The provider the side panel's header names. */
const panelProvider = (panel: Page) => panel.locator('.chat-header .provider');

/** Whether the "Ask omni-ai" menu item exists: Chrome refuses to update one that does not. */
const menuExists = (worker: Worker) =>
  worker.evaluate(() => chrome.contextMenus.update('ask-omni-ai', {}).then(() => true, () => false));

/** What the worker answers a side panel that sends a message to `provider`, as the chat port would. */
function sendThroughPort(panel: Page, provider: string) {
  return panel.evaluate(
    (provider) =>
      new Promise<{ type: string; error?: { message: string } }>((resolve) => {
        const port = chrome.runtime.connect({ name: 'chat' });
        port.onMessage.addListener((message: { type: string }) => {
          if (message.type === 'error' || message.type === 'done') resolve(message);
        });
        port.postMessage({
          type: 'send',
          runId: crypto.randomUUID(),
          conversationId: crypto.randomUUID(),
          provider,
          model: 'gpt-5.5',
          messages: [{ role: 'user', content: 'Hello' }],
        });
      }),
    provider,
  );
}

test.describe('with providers restricted', () => {
  test.use({
    policy: {
      allowedProviders: ['azure-openai', 'openai-compatible'],
      defaultProvider: 'azure-openai',
      providers: { 'azure-openai': { endpoint: 'https://contoso.openai.azure.com', models: ['gpt-4o', 'gpt-4o-mini'] } },
    },
  });

  test('hidden providers appear in neither page, and the worker refuses them', async ({ extension }) => {
    const options = await extension.openOptions();
    const panel = await extension.openSidePanel();
    await expect(options.getByRole('combobox', { name: 'Provider' })).toHaveValue('azure-openai');
    expect(await optionLabels(options, 'Provider')).toEqual(['Azure OpenAI', 'OpenAI-compatible']);
    await expect(options.getByRole('region', { name: 'Organization policy' })).toContainText(
      'Your organization manages some of these settings',
    );
    // The side panel follows: the default provider, with the policy's deployments.
    await expect(panelProvider(panel)).toHaveText('Azure OpenAI');
    expect(await optionLabels(panel, 'Model')).toEqual(['gpt-4o', 'gpt-4o-mini']);

    // The user may still choose among the allowed ones.
    await chooseProvider(options, 'OpenAI-compatible');
    await expect(panelProvider(panel)).toHaveText('OpenAI-compatible');

    // A stale or forged message for a hidden provider is refused by the worker, before any request.
    const refused = await sendThroughPort(panel, 'openai');
    expect(refused).toMatchObject({
      type: 'error',
      error: { message: 'Your organization does not allow OpenAI in omni-ai. Choose one of: Azure OpenAI, OpenAI-compatible.' },
    });
    expect(await askWorker(panel, 'testConnection', 'anthropic')).toEqual({
      ok: false,
      message: 'Your organization does not allow Anthropic in omni-ai. Choose one of: Azure OpenAI, OpenAI-compatible.',
    });
  });
});

test.describe('with fields locked', () => {
  test.use({
    policy: {
      providers: {
        'azure-openai': { endpoint: 'https://contoso.openai.azure.com', models: ['gpt-4o'], auth: 'oauth2' },
        // A secret is not in the schema: Chrome drops it before omni-ai could even see it.
        openai: { apiKey: 'sk-from-policy' },
      },
      systemPrompt: 'Answer in English.',
    },
  });

  test('a locked field is read-only and says “Set by your organization”; saving keeps the user’s own value', async ({ extension }) => {
    const options = await extension.openOptions();
    await chooseProvider(options, 'Azure OpenAI');
    const endpoint = field(options, 'Endpoint');
    await expect(endpoint).toHaveValue('https://contoso.openai.azure.com');
    await expect(endpoint).not.toBeEditable();
    await expect(endpoint).toHaveAccessibleDescription(/^Set by your organization In the Azure portal/); // then where the value comes from
    await expect(field(options, 'Models')).not.toBeEditable();
    const auth = options.getByRole('combobox', { name: 'Authentication', exact: true });
    await expect(auth).toBeDisabled();
    await expect(auth).toHaveAccessibleDescription('Set by your organization');
    await expect(options.getByLabel('System prompt')).toHaveValue('Answer in English.');
    await expect(options.getByLabel('System prompt')).not.toBeEditable();
    await expect(options.getByLabel('System prompt')).toHaveAccessibleDescription(/^Set by your organization/);

    // What policy does not set stays the user's to fill in and save.
    await expect(field(options, 'Token endpoint')).toBeEditable();
    await expect(field(options, 'Token endpoint')).not.toHaveAccessibleDescription(/organization/);
    await field(options, 'Token endpoint').fill('https://login.example.com/token');
    await field(options, 'Client ID').fill('user-client');
    await field(options, 'Client secret').fill('user-secret');
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByRole('status')).toHaveText('Saved Azure OpenAI settings.');
    await options.getByLabel('Page text budget').fill('3000');
    await options.getByRole('button', { name: 'Save chat settings' }).click();
    await expect(options.getByText('Chat settings saved.')).toBeVisible();

    // Nothing the policy set was written to the user's settings.
    const worker = await extension.serviceWorker();
    const { 'omni-ai:settings': stored } = await worker.evaluate(() => chrome.storage.local.get('omni-ai:settings'));
    const state = (stored as { state: { providers: Record<string, Record<string, unknown>>; systemPrompt: string; pageBudget: number } }).state;
    expect(state.providers['azure-openai']).toMatchObject({ endpoint: '', models: [], clientId: 'user-client' });
    expect(state.systemPrompt).toBe('');
    expect(state.pageBudget).toBe(3000);

    // The secret never reached omni-ai: the user's own API key field is empty and theirs.
    await chooseProvider(options, 'OpenAI');
    await expect(field(options, 'API key')).toHaveValue('');
    await expect(field(options, 'API key')).toBeEditable();
    expect(JSON.stringify(await worker.evaluate(() => chrome.storage.managed.get()))).not.toContain('sk-from-policy');
  });
});

test.describe('with invalid values', () => {
  test.use({
    policy: {
      pageBudget: 500,
      allowedProviders: ['azure-openai', 'openai', 'open-ai'],
      providers: { 'azure-openai': { endpoint: 'http://contoso.openai.azure.com', apiVersion: '2024-10-21' } },
      systemPrompt: 'Be brief.',
    },
  });

  test('each invalid value is named in a notice and ignored; the rest of the policy applies', async ({ extension }) => {
    const options = await extension.openOptions();
    const notices = options.getByRole('region', { name: 'Organization policy' }).getByRole('listitem');
    // In the order of docs/POLICY.md's table, whatever order the file has.
    await expect(notices).toHaveText([
      'providers.azure-openai.endpoint Endpoint must start with https:// (plain http is allowed only for localhost and 127.0.0.1).',
      'allowedProviders lists "open-ai", which is not a provider omni-ai knows; that entry is ignored (provider IDs: openai, anthropic, azure-openai, bedrock, vertex, openai-compatible).',
      'pageBudget must be a whole number of characters, at least 1000.',
    ]);
    // The valid rest applies: the providers named, the prompt, the API version.
    expect(await optionLabels(options, 'Provider')).toEqual(['OpenAI', 'Azure OpenAI']);
    await expect(options.getByLabel('System prompt')).toHaveValue('Be brief.');
    await expect(options.getByLabel('System prompt')).not.toBeEditable();
    await chooseProvider(options, 'Azure OpenAI');
    await expect(field(options, 'API version')).not.toBeEditable();
    // What was ignored is the user's again: their budget, their endpoint.
    await expect(options.getByLabel('Page text budget')).toHaveValue('20000');
    await expect(options.getByLabel('Page text budget')).toBeEditable();
    await expect(field(options, 'Endpoint')).toBeEditable();
  });
});

test.describe('with a policy that changes while omni-ai is open', () => {
  test.use({ policy: {} });

  test('the options page, the side panel and the menu follow the policy live, and come back when it is lifted', async ({
    extension,
    setPolicy,
  }) => {
    const options = await extension.openOptions();
    const panel = await extension.openSidePanel();
    const worker = await extension.serviceWorker();
    await expect(panel.getByRole('button', { name: 'Add page' })).toBeVisible();
    await expect(options.getByRole('combobox', { name: 'Provider' })).toHaveValue('anthropic');
    expect(await optionLabels(options, 'Provider')).toEqual(ALL_PROVIDERS);
    expect(await menuExists(worker)).toBe(true);
    await expect(options.getByRole('region', { name: 'Organization policy' })).toHaveCount(0);

    await setPolicy({
      allowedProviders: ['bedrock'],
      providers: { bedrock: { models: ['eu.anthropic.claude-sonnet-4-5'] } },
      allowAddPage: false,
      allowContextMenu: false,
    });
    const provider = options.getByRole('combobox', { name: 'Provider' });
    await expect(provider).toHaveValue('bedrock', POLICY_APPLIED);
    expect(await optionLabels(options, 'Provider')).toEqual(['AWS Bedrock']);
    await expect(provider).toBeDisabled();
    await expect(provider).toHaveAccessibleDescription('Set by your organization');
    await expect(field(options, 'Models')).toHaveValue('eu.anthropic.claude-sonnet-4-5');
    await expect(panelProvider(panel)).toHaveText('AWS Bedrock');
    // The model by its name (issue 14 §3); the ID the policy set is what the option sends.
    expect(await optionLabels(panel, 'Model')).toEqual(['Claude Sonnet 4.5 (EU)']);
    await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('eu.anthropic.claude-sonnet-4-5');
    await expect(panel.getByRole('button', { name: 'Add page' })).toHaveCount(0);
    await expect.poll(() => menuExists(worker)).toBe(false);

    await setPolicy(undefined);
    await expect(provider).toBeEnabled(POLICY_APPLIED);
    expect(await optionLabels(options, 'Provider')).toEqual(ALL_PROVIDERS);
    await expect(panelProvider(panel)).toHaveText('Anthropic');
    await expect(panel.getByRole('button', { name: 'Add page' })).toBeVisible();
    await expect.poll(() => menuExists(worker)).toBe(true);
    await expect(options.getByRole('region', { name: 'Organization policy' })).toHaveCount(0);
  });

  test('the next chat request goes to the policy’s endpoint, not the user’s stored one', async ({ extension, setPolicy }) => {
    const mine = await startFakeOpenAI({ models: ['llama3.3'] });
    const company = await startFakeOpenAI({ models: ['llama3.3'] });
    try {
      const options = await extension.openOptions();
      await configureProvider(options, 'OpenAI-compatible', { 'Base URL': `${mine.url}/v1`, Models: 'llama3.3' });
      const panel = await extension.openSidePanel();
      await sendMessage(panel, 'Capital of France?');
      await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.azure);
      expect(mine.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);

      await setPolicy({ providers: { 'openai-compatible': { baseURL: `${company.url}/v1` } } });
      await expect(field(options, 'Base URL')).toHaveValue(`${company.url}/v1`, POLICY_APPLIED);
      await sendMessage(panel, 'And of Italy?');
      await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.azure);
      expect(company.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);
      expect(mine.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);

      // The user's own base URL is still stored underneath, for when the policy is lifted.
      const worker = await extension.serviceWorker();
      const { 'omni-ai:settings': stored } = await worker.evaluate(() => chrome.storage.local.get('omni-ai:settings'));
      expect(JSON.stringify(stored)).toContain(`${mine.url}/v1`);
      expect(JSON.stringify(stored)).not.toContain(company.url);
    } finally {
      await Promise.all([mine.close(), company.close()]);
    }
  });

  test('a user who never picked a provider chats with the organization’s default provider and model', async ({ extension, setPolicy }) => {
    const company = await startFakeOpenAI({ models: ['qwen3', 'llama3.3'] });
    try {
      const panel = await extension.openSidePanel();
      await expect(panelProvider(panel)).toHaveText('Anthropic');
      await setPolicy({
        defaultProvider: 'openai-compatible',
        defaultModel: 'llama3.3',
        providers: { 'openai-compatible': { baseURL: `${company.url}/v1`, models: ['qwen3', 'llama3.3'] } },
      });
      await expect(panelProvider(panel)).toHaveText('OpenAI-compatible', POLICY_APPLIED);
      await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('llama3.3');
      await sendMessage(panel, 'Capital of France?');
      const answer = await lastAnswer(panel);
      await expect(answer).toHaveAccessibleName('OpenAI-compatible · llama3.3');
      await expect(answer.locator('.content')).toHaveText(RECORDED_TEXT.azure);
      expect(company.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body.model)).toEqual(['llama3.3']);

      // A provider the user picks is theirs: the default no longer replaces it.
      const options = await extension.openOptions();
      await chooseProvider(options, 'Anthropic');
      await expect(panelProvider(panel)).toHaveText('Anthropic');
    } finally {
      await company.close();
    }
  });
});

test.describe('with page reading off', () => {
  test.use({ policy: { allowAddPage: false } });

  test('there is no “Add page”, and the worker reads no page, from the panel or the menu', async ({ extension }) => {
    const site = await startStaticSite('<!doctype html><title>Intranet</title><p>Quarterly numbers.</p>');
    try {
      const article = await extension.context.newPage();
      await article.goto(site.url);
      await extension.clickToolbarIcon(article); // activeTab: the page could be read, but may not be
      const panel = await extension.openSidePanel();
      await expect(panel.getByRole('textbox', { name: 'Message' })).toBeVisible();
      await expect(panel.getByRole('button', { name: 'Add page' })).toHaveCount(0);

      await article.bringToFront();
      const { id: windowId } = await panel.evaluate(() => chrome.windows.getCurrent());
      expect(await askWorker(panel, 'readActivePage', windowId!)).toEqual({
        ok: false,
        message: 'Your organization does not allow omni-ai to read pages. Copy the text you need into the message instead.',
      });

      const worker = await extension.serviceWorker();
      await worker.evaluate(async (pageUrl) => {
        const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
        const onClicked = chrome.contextMenus.onClicked as unknown as { dispatch: (info: object, tab?: chrome.tabs.Tab) => void };
        onClicked.dispatch({ menuItemId: 'ask-omni-ai', pageUrl, editable: false }, tab);
      }, site.url);
      await expect(panel.getByRole('alert')).toHaveText(/Your organization does not allow omni-ai to read pages/);
      await expect(panel.getByLabel('Attached context')).toHaveCount(0);
    } finally {
      await site.close();
    }
  });
});
