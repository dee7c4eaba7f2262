import type { BrowserContext, Page } from '@playwright/test';
import { decodeJwt } from 'jose';
import { acceptTokensFrom } from '../servers/auth-check';
import { startFakeAzureOpenAI } from '../servers/fake-azure-openai';
import { API_RESOURCE, API_SCOPE, startOidcServer } from '../servers/oidc-server';
import { lastAnswer, sendMessage, storedMessages } from './harness/chat';
import { expect, test } from './harness/fixtures';
import type { ExtensionSession } from './harness/launch';
import { chooseProvider, field } from './harness/pages';

// Each test drives a real sign-in window and some wait out real token lifetimes (20 s tokens).
test.describe.configure({ timeout: 120_000 });

const CLIENT_ID = 'omni-e2e-public';
const SIGN_IN = "Sign in (your organisation's account)";

/**
 * The organisation's OpenID provider (oidc-provider) and Azure OpenAI that accepts only its access
 * tokens for the Azure resource; `revoked` bearer tokens are refused as a revoked session would be.
 */
async function servers(extension: ExtensionSession, accessTokenTTL = 3600) {
  const worker = await extension.serviceWorker();
  const redirectUri = await worker.evaluate(() => chrome.identity.getRedirectURL());
  const oidc = await startOidcServer({
    clientId: CLIENT_ID,
    redirectUri,
    extensionOrigin: `chrome-extension://${extension.extensionId}`,
    accessTokenTTL,
  });
  const revoked = new Set<string>();
  const valid = acceptTokensFrom({ jwks: oidc.jwks, issuer: oidc.issuer, audience: API_RESOURCE });
  const azure = await startFakeAzureOpenAI({
    deployments: ['gpt-4o-prod'],
    bearer: async (token) => !!token && !revoked.has(token) && (await valid(token)),
  });
  return { oidc, azure, revoked, redirectUri, close: async () => void (await Promise.all([oidc.close(), azure.close()])) };
}
type Servers = Awaited<ReturnType<typeof servers>>;

/** Azure OpenAI saved with sign-in, as an administrator's instructions would have the user do it. */
async function configureSignIn(options: Page, s: Servers) {
  await chooseProvider(options, 'Azure OpenAI');
  await field(options, 'Endpoint').fill(s.azure.url);
  await field(options, 'Models').fill('gpt-4o-prod');
  await options.getByRole('combobox', { name: 'Authentication', exact: true }).selectOption({ label: SIGN_IN });
  await field(options, 'Issuer').fill(s.oidc.issuer);
  await field(options, 'Client ID').fill(CLIENT_ID);
  await expect(field(options, 'Scope')).toHaveValue(API_SCOPE);
  await options.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(options.getByRole('status')).toHaveText('Saved Azure OpenAI settings.');
}

/**
 * Presses `button` and completes the provider's pages in the window launchWebAuthFlow opens: the
 * login form and the consent form when the provider shows them. A provider that remembers the user
 * and the grant answers at once and no window appears: `finished` (what the page shows at the end)
 * settles that case. Resolves when the window has closed itself, or `finished` held.
 */
async function signInThroughWindow(
  context: BrowserContext,
  button: ReturnType<Page['getByRole']>,
  finished: () => Promise<unknown>,
  login = 'ada',
) {
  const opened = context.waitForEvent('page', { timeout: 30_000 });
  await button.click();
  // A failed check here only means "not yet": it is made again, for real, at the end.
  const window = await Promise.race([opened, finished().then(() => undefined, () => new Promise<never>(() => {}))]);
  if (!window) return;
  const closed = window.waitForEvent('close').then(() => 'closed' as const);
  for (;;) {
    const action = window.getByRole('button', { name: /^(Sign-in|Continue)$/ });
    const next = await Promise.race([closed, action.waitFor().then(() => 'form' as const)]);
    if (next === 'closed') break;
    const name = (await action.textContent())!;
    if (name === 'Sign-in') {
      await window.getByPlaceholder('Enter any login').fill(login);
      await window.getByPlaceholder('and password').fill('any password');
    }
    await action.click();
    // This form's page goes away: the next form, or the window itself.
    await Promise.race([closed, window.getByRole('button', { name, exact: true }).waitFor({ state: 'detached' })]);
  }
  await finished();
}

function signInSection(options: Page) {
  return options.getByRole('region', { name: 'Sign-in' });
}

/** "Sign in" on the options page, through to "Signed in as …". */
async function signInFromOptions(extension: ExtensionSession, options: Page) {
  const section = signInSection(options);
  await signInThroughWindow(extension.context, section.getByRole('button', { name: 'Sign in', exact: true }), () =>
    expect(section).toContainText('Signed in as Test User ada (ada@contoso.example)'),
  );
}

test('signs in through the organisation’s page with PKCE and chats with the delegated token', async ({ extension }) => {
  const s = await servers(extension);
  try {
    const options = await extension.openOptions();
    await configureSignIn(options, s);
    const section = signInSection(options);
    await expect(section).toContainText('Not signed in.');
    await expect(section).toContainText(s.redirectUri);

    await signInFromOptions(extension, options);
    await expect(section).toContainText('Signed in as Test User ada (ada@contoso.example), until the browser closes.');
    await expect(section).toContainText('Signed in to Azure OpenAI as Test User ada (ada@contoso.example).');
    await expect(options.getByRole('region', { name: 'Token' })).toContainText('Valid until');

    // The provider saw an S256 challenge and checked the verifier against it; no secret was sent.
    const [authorization] = s.oidc.to('authorization');
    expect(authorization!.query).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: s.redirectUri,
      code_challenge_method: 'S256',
      scope: `openid profile offline_access ${API_SCOPE}`,
    });
    expect(authorization!.query.code_challenge).toMatch(/^[\w-]{43}$/);
    expect(authorization!.query.state).toMatch(/^[\w-]{43}$/);
    expect(authorization!.query.nonce).toMatch(/^[\w-]{43}$/);
    const [exchange] = s.oidc.to('token');
    expect(exchange).toMatchObject({ status: 200, params: { grant_type: 'authorization_code', code_verifier: expect.stringMatching(/^[\w-]{43}$/) } });
    expect(exchange!.params.client_secret).toBeUndefined();

    const panel = await extension.openSidePanel();
    await expect(panel.getByRole('group', { name: 'Sign-in' })).toContainText('Signed in as Test User ada (ada@contoso.example)');
    await sendMessage(panel, 'Hello from a signed-in user');
    await expect(await lastAnswer(panel)).not.toContainText('rejected');
    expect(s.azure.requests).toHaveLength(1);
    const claims = decodeJwt(s.azure.requests[0]!.bearer!);
    expect(claims).toMatchObject({ iss: s.oidc.issuer, aud: API_RESOURCE, sub: 'ada', client_id: CLIENT_ID });
    // The access token came from the sign-in: no second token request.
    expect(s.oidc.to('token')).toHaveLength(1);
  } finally {
    await s.close();
  }
});

test('refreshes the access token by alarm with the refresh token rotated, and uses the rotated one next', async ({ extension }) => {
  // 20 s tokens: the gateway refreshes them at half their life, 10 s after they were issued.
  const s = await servers(extension, 20);
  try {
    const options = await extension.openOptions();
    await configureSignIn(options, s);
    await signInFromOptions(extension, options);
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'first');
    await lastAnswer(panel);

    // The alarm's refresh, with no chat request waiting on it.
    const refreshes = () => s.oidc.to('token').filter((r) => r.params.grant_type === 'refresh_token');
    await expect.poll(() => refreshes().length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
    const [exchange] = s.oidc.to('token');
    const [first] = refreshes();
    expect(first).toMatchObject({ status: 200, params: { refresh_token: exchange!.issuedRefreshToken, client_id: CLIENT_ID } });
    expect(first!.issuedRefreshToken).toBeTruthy();
    expect(first!.issuedRefreshToken).not.toBe(exchange!.issuedRefreshToken);
    // The spent refresh token is dead at the provider (rotation with reuse detection).
    expect(await s.oidc.refreshTokenAlive(exchange!.issuedRefreshToken!)).toBe(false);

    await sendMessage(panel, 'second');
    await expect(await lastAnswer(panel)).not.toContainText('rejected');
    expect(s.azure.requests[1]!.bearer).not.toBe(s.azure.requests[0]!.bearer);

    // Once the refreshed token is due, the next refresh (by alarm, or by the next message if the
    // provider counts as idle by then) sends the rotated refresh token, never the spent one.
    const dueAt = await options.evaluate(async () => {
      const all = (await chrome.storage.session.get('omni-ai:token-status'))['omni-ai:token-status'] as Record<string, { expiresAt: number }>;
      return all['azure-openai']!.expiresAt - 10_000;
    });
    await expect.poll(() => Date.now() >= dueAt, { timeout: 20_000 }).toBe(true);
    await sendMessage(panel, 'third');
    await expect(await lastAnswer(panel)).not.toContainText('rejected');
    const second = refreshes()[1];
    expect(second).toMatchObject({ status: 200, params: { refresh_token: first!.issuedRefreshToken } });
    expect(s.oidc.requests.filter((r) => r.status >= 400)).toEqual([]);
  } finally {
    await s.close();
  }
});

test('a revoked sign-in asks to sign in again, then Retry answers with nothing of the conversation lost', async ({ extension }) => {
  const s = await servers(extension);
  try {
    const options = await extension.openOptions();
    await configureSignIn(options, s);
    await signInFromOptions(extension, options);
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'What is PKCE?');
    await lastAnswer(panel);

    // An administrator ends the user's sessions: the refresh token and the current access token die.
    await s.oidc.revokeGrants('ada');
    s.revoked.add(s.azure.requests[0]!.bearer!);
    await sendMessage(panel, 'And what is a nonce?');
    const alert = panel.getByRole('log').getByRole('alert');
    await expect(alert).toContainText(
      'Your sign-in to Azure OpenAI has ended: the sign-in server refused to renew it (invalid_grant), as it does when a sign-in is revoked or expires, or the password changed. Press Sign in again, then Retry.',
    );
    await expect(panel.getByRole('group', { name: 'Sign-in' })).toContainText('Your sign-in has ended.');

    await signInThroughWindow(extension.context, alert.getByRole('button', { name: 'Sign in again' }), () =>
      expect(alert).toContainText('Signed in to Azure OpenAI as Test User ada (ada@contoso.example). Press Retry.'),
    );
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(await lastAnswer(panel)).not.toContainText('ended');
    await expect(panel.getByRole('log').getByRole('alert')).toHaveCount(0);

    const articles = panel.getByRole('log').getByRole('article');
    await expect(articles).toHaveCount(4);
    await expect(articles.nth(0)).toHaveText('What is PKCE?');
    await expect(articles.nth(2)).toHaveText('And what is a nonce?');
    const stored = await storedMessages(panel);
    expect(stored.filter((m) => m.role === 'user').map((m) => m.content).sort()).toEqual(['And what is a nonce?', 'What is PKCE?']);
    expect(stored.filter((m) => m.role === 'assistant').map((m) => m.status)).toEqual(['done', 'done']);
    // The retried answer carried the new sign-in's token, which the provider issued after revocation.
    expect(s.revoked.has(s.azure.requests.at(-1)!.bearer!)).toBe(false);
  } finally {
    await s.close();
  }
});

test('signing out revokes the refresh token at the provider and forgets every token', async ({ extension }) => {
  const s = await servers(extension);
  try {
    const options = await extension.openOptions();
    await configureSignIn(options, s);
    const section = signInSection(options);
    await signInFromOptions(extension, options);
    const refreshToken = s.oidc.to('token')[0]!.issuedRefreshToken!;

    await section.getByRole('button', { name: 'Sign out' }).click();
    await expect(section).toContainText(`Signed out of Azure OpenAI, and ${s.oidc.issuer} revoked the sign-in.`);
    await expect(section).toContainText('Not signed in.');
    const [revocation] = s.oidc.to('revocation');
    expect(revocation).toMatchObject({ status: 200, params: { token: refreshToken, token_type_hint: 'refresh_token' } });
    expect(await s.oidc.refreshTokenAlive(refreshToken)).toBe(false);

    // Nothing is left in the browser: no refresh token, no access token, in either storage area.
    const keys = await options.evaluate(async () => [
      ...Object.keys(await chrome.storage.session.get(null)),
      ...Object.keys(await chrome.storage.local.get(null)),
    ]);
    expect(keys.filter((k) => /token:|sign-in:/.test(k))).toEqual([]);

    const panel = await extension.openSidePanel();
    const bar = panel.getByRole('group', { name: 'Sign-in' });
    await expect(bar).toContainText('Not signed in.');
    await sendMessage(panel, 'Still there?');
    const alert = panel.getByRole('log').getByRole('alert');
    await expect(alert).toContainText('You are not signed in to Azure OpenAI: press Sign in, then Retry.');
    expect(s.azure.requests).toHaveLength(0);

    // Sign in from the side panel, where the sign-in is needed, and Retry.
    await signInThroughWindow(extension.context, bar.getByRole('button', { name: 'Sign in', exact: true }), () =>
      expect(bar).toContainText('Signed in as Test User ada (ada@contoso.example)'),
    );
    await alert.getByRole('button', { name: 'Retry' }).click();
    await expect(await lastAnswer(panel)).not.toContainText('signed in');
    expect(s.azure.requests).toHaveLength(1);
  } finally {
    await s.close();
  }
});

test('an answer with a forged state, or a replayed code, signs nobody in', async ({ extension }) => {
  const s = await servers(extension);
  try {
    const options = await extension.openOptions();
    await configureSignIn(options, s);
    const section = signInSection(options);
    const signIn = section.getByRole('button', { name: 'Sign in', exact: true });

    // An attacker swaps the state on the way back: omni-ai refuses before any token request.
    s.oidc.attack.rewrite = (url) => url.searchParams.set('state', 'forged-state');
    await signInThroughWindow(extension.context, signIn, () =>
      expect(section).toContainText(
        'omni-ai refused the answer from the sign-in page: its state does not match the sign-in omni-ai started, so it may be forged or replayed. Nothing was signed in.',
      ),
    );
    await expect(section).toContainText('Not signed in.');
    expect(s.oidc.to('token')).toEqual([]);

    // A code that was already exchanged, slipped into a new sign-in's answer: the provider refuses it.
    let firstCode = '';
    s.oidc.attack.rewrite = (url) => void (firstCode = url.searchParams.get('code')!);
    await signInFromOptions(extension, options);
    await section.getByRole('button', { name: 'Sign out' }).click();
    await expect(section).toContainText('Not signed in.');
    s.oidc.attack.rewrite = (url) => url.searchParams.set('code', firstCode);
    await signInThroughWindow(extension.context, signIn, () => expect(section).toContainText(/The token endpoint .* refused: invalid_grant/));
    await expect(section).toContainText('Not signed in.');
    const replay = s.oidc.to('token').at(-1)!;
    expect(replay).toMatchObject({ status: 400, error: 'invalid_grant', params: { code: firstCode } });
  } finally {
    await s.close();
  }
});

test.describe('with sign-in set by the organization', () => {
  test.use({ policy: {} });

  test('a policy that keeps users signed in: read-only settings, and still signed in after the browser restarts', async ({
    extension,
    setPolicy,
    relaunch,
  }) => {
    const s = await servers(extension);
    try {
      await setPolicy({
        allowedProviders: ['azure-openai'],
        defaultProvider: 'azure-openai',
        providers: {
          'azure-openai': { endpoint: s.azure.url, models: ['gpt-4o-prod'], auth: 'sign-in', issuer: s.oidc.issuer, clientId: CLIENT_ID, keepSignedIn: true },
        },
      });
      const options = await extension.openOptions();
      const keep = options.getByRole('checkbox', { name: 'Stay signed in after the browser closes' });
      await expect(keep).toBeChecked({ timeout: 20_000 }); // Chrome applies a rewritten policy after about 5 s
      await expect(keep).toBeDisabled();
      await expect(keep).toHaveAccessibleDescription(/Set by your organization/);
      await expect(field(options, 'Issuer')).toHaveValue(s.oidc.issuer);
      await expect(field(options, 'Issuer')).toHaveJSProperty('readOnly', true);
      await signInFromOptions(extension, options);
      await expect(signInSection(options)).toContainText('Signed in as Test User ada (ada@contoso.example), until you sign out.');
      // Kept on disk, so storage.local holds the refresh token; storage.session only the access token.
      const keys = await options.evaluate(async () => ({
        local: Object.keys(await chrome.storage.local.get(null)),
        session: Object.keys(await chrome.storage.session.get(null)),
      }));
      expect(keys.local).toContain('omni-ai:sign-in:azure-openai');
      expect(keys.session).not.toContain('omni-ai:sign-in:azure-openai');
      // On disk it is sealed: the refresh token the provider issued appears nowhere in plain text.
      const issued = s.oidc.to('token')[0]!.issuedRefreshToken!;
      expect(issued).toBeTruthy();
      const onDisk = await options.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)));
      expect(onDisk).not.toContain(issued);
      expect(onDisk).toMatch(/"refreshToken":"omni-ai-sealed:1:/);
      await extension.close();

      // The browser restarts: memory is gone, the sign-in is not.
      const again = await relaunch();
      const reopened = await again.openOptions();
      await expect(signInSection(reopened)).toContainText('Signed in as Test User ada (ada@contoso.example), until you sign out.');
      const panel = await again.openSidePanel();
      await expect(panel.getByRole('group', { name: 'Sign-in' })).toContainText('Signed in as Test User ada');
      await sendMessage(panel, 'Still signed in?');
      await expect(await lastAnswer(panel)).not.toContainText('signed in');
      // The access token died with the browser session: the kept refresh token got a new one, no window.
      const refreshes = s.oidc.to('token').filter((r) => r.params.grant_type === 'refresh_token');
      expect(refreshes).toHaveLength(1);
      expect(refreshes[0]).toMatchObject({ status: 200, params: { refresh_token: s.oidc.to('token')[0]!.issuedRefreshToken } });
      expect(s.oidc.to('authorization')).toHaveLength(1);
    } finally {
      await s.close();
    }
  });
});
