import '../providers/sdks-registered';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OAuth2Gateway } from '@/lib/auth/oauth2-gateway';
import { modelForRun } from '@/lib/background/model-for-run';
import { startUpWork } from '@/lib/background/start-up-work';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION } from '@/lib/settings/schema';
import { acceptKey } from '../../servers/auth-check';
import { startFakeOpenAI } from '../../servers/fake-openai';
import { collect } from '../providers/collect';

const noGateway = {} as OAuth2Gateway; // OpenAI never asks it

let server: Awaited<ReturnType<typeof startFakeOpenAI>>;
beforeEach(async () => {
  fakeBrowser.reset();
  server = await startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('k') });
  const settings = defaultSettings();
  settings.provider = 'openai';
  settings.providers.openai = { ...settings.providers.openai, apiKey: 'k', baseURL: `${server.url}/v1` };
  await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { state: settings, version: SETTINGS_VERSION } });
});
afterEach(() => {
  vi.restoreAllMocks();
  return server.close();
});

/** Each hold the run takes, with how many requests the server had seen when the run let go of it. */
function watchHolds() {
  const releases: (number | undefined)[] = [];
  vi.spyOn(startUpWork, 'hold').mockImplementation(() => {
    const index = releases.push(undefined) - 1;
    return () => (releases[index] ??= server.requests.length);
  });
  return releases;
}

it('holds the worker’s deferred start-up work until its request has left, not until the answer ends', async () => {
  const releases = watchHolds();
  const { last } = await collect(modelForRun('openai', noGateway), { model: 'gpt-5.5', messages: [{ role: 'user', content: 'Hi' }] });
  expect(last).toMatchObject({ type: 'finish' });
  expect(server.requests).toHaveLength(1);
  expect(releases).toEqual([0]); // let go as the request went, before the server had it
});

it('lets go of the hold when the run ends before any request (refused, nothing sent)', async () => {
  const releases = watchHolds();
  const { last } = await collect(modelForRun('anthropic', noGateway), { model: 'claude', messages: [{ role: 'user', content: 'Hi' }] });
  expect(last).toMatchObject({ type: 'error', error: { kind: 'config' } });
  expect(releases).toEqual([0]);
  expect(server.requests).toHaveLength(0);
});
