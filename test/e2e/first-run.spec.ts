import path from 'node:path';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { expect, test } from './harness/fixtures';
import { field } from './harness/pages';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

test('a first run offers to set up a provider, opens its form where each field says where to find its value, and goes once one is set up', async ({
  extension,
}) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant-first') });
  try {
    const panel = await extension.openSidePanel();
    await panel.setViewportSize({ width: 400, height: 680 });
    const card = panel.getByRole('region', { name: 'Set up omni-ai' });
    await expect(card).toBeVisible();
    // Every provider the organization allows (here all six), each with what its form will ask for.
    const offered = ['OpenAI', 'Anthropic', 'Azure OpenAI', 'AWS Bedrock', 'Google Vertex AI', 'OpenAI-compatible'];
    await expect(card.getByRole('button')).toHaveCount(offered.length);
    for (const label of offered) await expect(card.getByRole('button', { name: label, exact: true })).toBeVisible();
    await expect(card.getByRole('button', { name: 'Azure OpenAI', exact: true })).toHaveAccessibleDescription(/endpoint and deployments/);
    await expect(panel.getByRole('group', { name: 'Suggestions' })).toHaveCount(0); // nothing to ask yet
    await panel.screenshot({ path: path.join(SHOTS, 'first-run.png') });

    // Azure OpenAI: the options page opens on its form, and the side panel follows the choice.
    const [azure] = await Promise.all([extension.context.waitForEvent('page'), card.getByRole('button', { name: 'Azure OpenAI', exact: true }).click()]);
    await expect(azure.getByRole('combobox', { name: 'Provider' })).toHaveValue('azure-openai');
    await expect(field(azure, 'Endpoint')).toHaveAccessibleDescription(/Keys and Endpoint → Endpoint/);
    await expect(field(azure, 'Models')).toHaveAccessibleDescription(/Deployments \(the Name column\)/);
    await expect(field(azure, 'Client secret')).toHaveAccessibleDescription(/Certificates & secrets/);
    await expect(panel.locator('.chat-header .provider')).toHaveText('Azure OpenAI');
    await expect(card).toBeVisible(); // still nothing set up

    // Anthropic instead: the options page already open (Chrome brings it forward) shows its form; set
    // up there, the card goes from the open panel, no reload.
    await card.getByRole('button', { name: 'Anthropic', exact: true }).click();
    const options = azure;
    await expect(options.getByRole('combobox', { name: 'Provider' })).toHaveValue('anthropic');
    await expect(field(options, 'API key')).toHaveAccessibleDescription(/console\.anthropic\.com/);
    await field(options, 'API key').fill('sk-ant-first');
    await field(options, 'Base URL').fill(anthropic.url);
    await options.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(options.getByRole('status')).toHaveText('Saved Anthropic settings.');
    await expect(card).toHaveCount(0);
    await expect(panel.getByRole('group', { name: 'Suggestions' })).toBeVisible();
    await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('claude-sonnet-5-5');
  } finally {
    await anthropic.close();
  }
});
