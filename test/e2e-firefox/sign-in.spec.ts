import { decodeJwt } from 'jose';
import type { Browser, Page } from 'puppeteer-core';
import { acceptTokensFrom } from '../servers/auth-check';
import { startFakeAzureOpenAI } from '../servers/fake-azure-openai';
import { API_RESOURCE, API_SCOPE, startOidcServer } from '../servers/oidc-server';
import { expect, test } from './harness/fixtures';
import { EXTENSION_ORIGIN } from './harness/launch';
import { byRole, chooseProvider, click, field, fill, lastAnswer, roleText, selectByLabel, sendMessage } from './harness/ui';

// Sign-in in Firefox (issue 11 §2 on issue 12's browser): the organisation's OpenID provider
// (oidc-provider on loopback) in the window Firefox's identity.launchWebAuthFlow opens, PKCE, and
// Azure OpenAI answering with the delegated access token.

const CLIENT_ID = 'omni-e2e-public';
const SIGN_IN = "Sign in (your organisation's account)";

/**
 * Fills the provider's login and consent forms in the window launchWebAuthFlow opened, until the
 * window closes itself. Firefox shows it as a new page, first at about:blank (MACHINE.md).
 */
async function completeSignInWindow(browser: Browser, before: Set<Page>, issuer: string) {
  let window: Page | undefined;
  await expect
    .poll(
      async () => {
        for (const page of await browser.pages())
          if (!before.has(page) && (await page.evaluate(() => location.href).catch(() => '')).startsWith(new URL(issuer).origin)) window = page;
        return !!window;
      },
      { message: 'the sign-in window', timeout: 30_000 },
    )
    .toBe(true);
  for (const step of ['Sign-in', 'Continue']) {
    const button = await window!.waitForSelector(`::-p-aria([name="${step}"][role="button"])`, { timeout: 15_000 });
    if (step === 'Sign-in') {
      await fill((await window!.$('input[placeholder="Enter any login"]'))!, 'ada');
      await fill((await window!.$('input[placeholder="and password"]'))!, 'any password');
    }
    await button!.click();
  }
  await expect.poll(async () => (await browser.pages()).includes(window!), { message: 'the sign-in window closes', timeout: 15_000 }).toBe(false);
}

test('signs in through the organisation’s page with PKCE in Firefox, and chats with the delegated token', async ({ extension }) => {
  test.setTimeout(120_000);
  const options = await extension.openOptions();
  const redirectUri = await options.evaluate(() => browser.identity.getRedirectURL());
  expect(redirectUri).toMatch(/^https:\/\/[0-9a-f]+\.extensions\.allizom\.org\/$/);
  const oidc = await startOidcServer({ clientId: CLIENT_ID, redirectUri, extensionOrigin: EXTENSION_ORIGIN });
  const azure = await startFakeAzureOpenAI({
    deployments: ['gpt-4o-prod'],
    bearer: acceptTokensFrom({ jwks: oidc.jwks, issuer: oidc.issuer, audience: API_RESOURCE }),
  });
  try {
    await chooseProvider(options, 'Azure OpenAI');
    await fill(await field(options, 'Endpoint'), azure.url);
    await fill(await field(options, 'Models'), 'gpt-4o-prod');
    await selectByLabel(await field(options, 'Authentication'), SIGN_IN);
    await fill(await field(options, 'Issuer'), oidc.issuer);
    await fill(await field(options, 'Client ID'), CLIENT_ID);
    expect(await (await field(options, 'Scope')).evaluate((el) => (el as HTMLInputElement).value)).toBe(API_SCOPE);
    await click(options, 'button', 'Save');
    await expect.poll(() => roleText(options, 'status')).toBe('Saved Azure OpenAI settings.');

    const section = await byRole(options, 'region', 'Sign-in');
    await expect.poll(() => section.evaluate((el) => el.textContent)).toContain(redirectUri);
    const before = new Set(await extension.browser.pages());
    await click(section, 'button', 'Sign in');
    await completeSignInWindow(extension.browser, before, oidc.issuer);
    await expect.poll(() => section.evaluate((el) => el.textContent), { timeout: 15_000 }).toContain('Signed in as Test User ada (ada@contoso.example)');

    // PKCE S256 with state and nonce; no secret.
    const [authorization] = oidc.to('authorization');
    expect(authorization!.query).toMatchObject({ client_id: CLIENT_ID, redirect_uri: redirectUri, code_challenge_method: 'S256' });
    expect(authorization!.query.state).toMatch(/^[\w-]{43}$/);
    const [exchange] = oidc.to('token');
    expect(exchange).toMatchObject({ status: 200, params: { grant_type: 'authorization_code', code_verifier: expect.stringMatching(/^[\w-]{43}$/) } });

    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Hello from a signed-in user');
    expect((await lastAnswer(panel)).alert).toBe('');
    expect(azure.requests).toHaveLength(1);
    expect(decodeJwt(azure.requests[0]!.bearer!)).toMatchObject({ iss: oidc.issuer, aud: API_RESOURCE, sub: 'ada', client_id: CLIENT_ID });
    expect(oidc.to('token')).toHaveLength(1); // the sign-in's access token, no second request
  } finally {
    await Promise.all([oidc.close(), azure.close()]);
  }
});
