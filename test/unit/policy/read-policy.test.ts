import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings } from '@/lib/settings/load-settings';
import { onPolicyChange } from '@/lib/settings/policy/on-policy-change';
import { followPolicy, usePolicy } from '@/lib/settings/policy/policy-store';
import { readPolicy } from '@/lib/settings/policy/read-policy';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION } from '@/lib/settings/schema';

beforeEach(() => {
  fakeBrowser.reset();
  usePolicy.setState({ policy: {}, notices: [], loaded: false });
});

describe('readPolicy', () => {
  it('reads storage.managed and validates it', async () => {
    await fakeBrowser.storage.managed.set({ pageBudget: 3000, allowAddPage: 'no' });
    expect(await readPolicy()).toEqual({
      policy: { pageBudget: 3000 },
      notices: [{ key: 'allowAddPage', message: 'must be true or false; it is a string.' }],
    });
  });

  it('reads a rejected read as no policy (Chrome without a schema, Firefox without policies.json)', async () => {
    vi.spyOn(fakeBrowser.storage.managed, 'get').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await readPolicy()).toEqual({ policy: {}, notices: [] });
  });
});

describe('onPolicyChange', () => {
  it('calls back for changes to the managed area only', async () => {
    const listener = vi.fn();
    const stop = onPolicyChange(listener);
    await fakeBrowser.storage.local.set({ x: 1 });
    expect(listener).not.toHaveBeenCalled();
    await fakeBrowser.storage.managed.set({ pageBudget: 3000 });
    expect(listener).toHaveBeenCalledTimes(1);
    stop();
    await fakeBrowser.storage.managed.set({ pageBudget: 4000 });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});

describe('followPolicy (the pages)', () => {
  it('loads the policy, then follows every change without a reload', async () => {
    await fakeBrowser.storage.managed.set({ allowedProviders: ['bedrock'] });
    const stop = followPolicy();
    await vi.waitFor(() => expect(usePolicy.getState().loaded).toBe(true));
    expect(usePolicy.getState().policy).toEqual({ allowedProviders: ['bedrock'] });

    await fakeBrowser.storage.managed.set({ allowedProviders: ['vertex', 'nope'] });
    await vi.waitFor(() => expect(usePolicy.getState().policy).toEqual({ allowedProviders: ['vertex'] }));
    expect(usePolicy.getState().notices.map((n) => n.key)).toEqual(['allowedProviders']);

    await fakeBrowser.storage.managed.clear();
    await vi.waitFor(() => expect(usePolicy.getState().policy).toEqual({}));
    expect(usePolicy.getState().notices).toEqual([]);
    stop();
  });
});

describe('loadSettings (the worker)', () => {
  it('gives the user’s stored settings with the policy on top, read fresh each time', async () => {
    const stored = defaultSettings();
    stored.providers['openai-compatible'].baseURL = 'http://localhost:1111/v1';
    stored.systemPrompt = 'Mine.';
    await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { state: stored, version: SETTINGS_VERSION } });
    expect((await loadSettings()).providers['openai-compatible'].baseURL).toBe('http://localhost:1111/v1');

    await fakeBrowser.storage.managed.set({ providers: { 'openai-compatible': { baseURL: 'http://localhost:2222/v1' } } });
    const settings = await loadSettings();
    expect(settings.providers['openai-compatible'].baseURL).toBe('http://localhost:2222/v1');
    expect(settings.systemPrompt).toBe('Mine.');
    // Nothing of the policy was written to the user's settings.
    const local = (await fakeBrowser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY] as { state: typeof stored };
    expect(local.state.providers['openai-compatible'].baseURL).toBe('http://localhost:1111/v1');
  });
});
