import { expect, type Page } from '@playwright/test';
import { chooseProvider, field } from './pages';

/** Fills and saves the Azure OpenAI form in OAuth2 mode, as a user would. */
export async function configureAzureOAuth(
  options: Page,
  s: { endpoint: string; tokenEndpoint: string; clientId: string; clientSecret: string; deployments: string[] },
): Promise<void> {
  await chooseProvider(options, 'Azure OpenAI');
  await field(options, 'Endpoint').fill(s.endpoint);
  await field(options, 'Models').fill(s.deployments.join('\n'));
  await field(options, 'Token endpoint').fill(s.tokenEndpoint);
  await field(options, 'Client ID').fill(s.clientId);
  await field(options, 'Client secret').fill(s.clientSecret);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status')).toHaveText('Saved Azure OpenAI settings.');
}

/** Fills the visible fields named in `fields` (by label), chooses the provider first, and saves. */
export async function configureProvider(options: Page, provider: string, fields: Record<string, string>): Promise<void> {
  await chooseProvider(options, provider);
  for (const [label, value] of Object.entries(fields)) {
    const control = options.getByLabel(label, { exact: true });
    if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption({ label: value });
    else await control.fill(value);
  }
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status')).toHaveText(`Saved ${provider} settings.`);
}
