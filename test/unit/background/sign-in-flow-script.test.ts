import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SignInSessionStore } from '@/lib/auth/sign-in/sign-in-session';
import type { OAuth2Gateway } from '@/lib/auth/oauth2-gateway';
import { createSignInService } from '@/lib/background/sign-in';
import { registerSdk } from '@/lib/providers/sdk/register-sdk';
import { SDK_GLOBAL, type SdkScripts } from '@/lib/providers/sdk/sdk-scripts';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION } from '@/lib/settings/schema';

// What sign-in-flow.js registers, with a sign-in that ends as a closed window does: enough to see
// that the service went through the script's code, and that its words reach the page.
const flow = {
  runSignIn: vi.fn(async () => Promise.reject(new Error('The sign-in window was closed.'))),
  DiscoveryCache: class {},
  remoteKeys: () => undefined,
} as unknown as SdkScripts['sign-in'];

const gateway = { adopt: async () => undefined, forget: async () => undefined } as unknown as OAuth2Gateway;

/** A worker that has imported nothing yet; its importScripts runs sign-in-flow.js unless told to fail. */
function freshWorker(fail?: Error) {
  delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
  const importScripts = vi.fn((url: string) => {
    if (fail) throw fail;
    if (url === '/sign-in-flow.js') registerSdk('sign-in', flow);
  });
  vi.stubGlobal('importScripts', importScripts);
  return importScripts;
}

beforeEach(async () => {
  fakeBrowser.reset();
  // The fake browser has no identity API: the worker's service asks it for the redirect URI.
  (fakeBrowser as unknown as { identity: unknown }).identity = {
    getRedirectURL: () => 'https://ggklkfbejlpnfeahlphikfomomiokain.chromiumapp.org/',
    launchWebAuthFlow: async () => Promise.reject(new Error('not in a unit test')),
  };
  const settings = defaultSettings();
  settings.providers.bedrock = { ...settings.providers.bedrock, auth: 'sign-in', issuer: 'https://idp.example.com', clientId: 'omni-ai' };
  await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { version: SETTINGS_VERSION, state: { ...settings, provider: 'bedrock', providerChosen: true } } });
});

afterEach(() => {
  delete (globalThis as Record<string, unknown>)[SDK_GLOBAL];
  vi.unstubAllGlobals();
  vi.mocked(flow.runSignIn).mockClear();
});

describe('the sign-in flow, a script of its own (issue 13 §4: a Send never needs it)', () => {
  it('is imported by the first sign-in, once, and not by the worker’s start nor by a sign-out', async () => {
    const importScripts = freshWorker();
    const service = createSignInService(gateway, new SignInSessionStore());
    expect(await service.signOut('bedrock')).toMatchObject({ ok: true });
    await service.restoreStatuses(['bedrock'], {});
    expect(importScripts).not.toHaveBeenCalled();

    expect(await service.signIn('bedrock')).toEqual({ ok: false, message: 'The sign-in window was closed.' });
    expect(await service.signIn('bedrock')).toEqual({ ok: false, message: 'The sign-in window was closed.' });
    expect(importScripts).toHaveBeenCalledExactlyOnceWith('/sign-in-flow.js');
    expect(flow.runSignIn).toHaveBeenCalledTimes(2);
  });

  it('says on the options page, when the script cannot be loaded, which file and what to do; a later sign-in tries again', async () => {
    const importScripts = freshWorker(new DOMException('the script could not be read', 'NetworkError'));
    const service = createSignInService(gateway, new SignInSessionStore());
    expect(await service.signIn('bedrock')).toEqual({
      ok: false,
      message:
        'omni-ai could not load its code for signing in (sign-in-flow.js: the script could not be read). Reload omni-ai on the browser’s extensions page, or reinstall it, then sign in again.',
    });
    // Signing out needs none of it, and still forgets the sign-in.
    expect(await service.signOut('bedrock')).toMatchObject({ ok: true });
    importScripts.mockImplementation((url: string) => {
      if (url === '/sign-in-flow.js') registerSdk('sign-in', flow);
    });
    expect(await service.signIn('bedrock')).toEqual({ ok: false, message: 'The sign-in window was closed.' });
  });
});
