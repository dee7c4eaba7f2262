import '../providers/sdks-registered';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { OAuth2Gateway } from '@/lib/auth/oauth2-gateway';
import { imagesIn, modelForRun } from '@/lib/background/model-for-run';
import { defaultSettings } from '@/lib/settings/parse-stored';
import { SETTINGS_KEY, SETTINGS_VERSION } from '@/lib/settings/schema';
import { acceptKey } from '../../servers/auth-check';
import { startFakeOpenAI } from '../../servers/fake-openai';
import { RECORDED_TEXT } from '../../servers/recorded';
import { collect } from '../providers/collect';
import { fixtureImage } from '../providers/images';

const png = fixtureImage('png');
const noGateway = {} as OAuth2Gateway; // OpenAI and compatible servers never ask it

let server: Awaited<ReturnType<typeof startFakeOpenAI>>;
beforeEach(async () => {
  fakeBrowser.reset();
  server = await startFakeOpenAI({ models: ['gpt-5.5', 'gpt-3.5-turbo', 'llama3.3'], credential: acceptKey('k'), textOnly: ['gpt-3.5-turbo', 'llama3.3'] });
  const settings = defaultSettings();
  settings.provider = 'openai';
  settings.providers.openai = { ...settings.providers.openai, apiKey: 'k', baseURL: `${server.url}/v1` };
  settings.providers['openai-compatible'] = { ...settings.providers['openai-compatible'], apiKey: 'k', baseURL: `${server.url}/v1`, models: ['llama3.3'] };
  await fakeBrowser.storage.local.set({ [SETTINGS_KEY]: { state: settings, version: SETTINGS_VERSION } });
});
afterEach(() => server.close());

describe('images for a model that reads none', () => {
  it('are refused in the worker before any request, naming the model and what to do', async () => {
    const { last } = await collect(modelForRun('openai', noGateway), {
      model: 'gpt-3.5-turbo',
      messages: [{ role: 'user', content: 'What is this?', images: [png] }],
    });
    expect(last).toEqual({
      type: 'error',
      error: { kind: 'config', message: expect.stringMatching(/^OpenAI · gpt-3\.5-turbo cannot read images\. Remove the images/) },
    });
    expect(server.requests).toHaveLength(0);
  });

  it('are refused too when they are earlier in the conversation, which goes again with each message', async () => {
    const { last } = await collect(modelForRun('openai', noGateway), {
      model: 'gpt-3.5-turbo',
      messages: [
        { role: 'user', content: 'What is this?', images: [png] },
        { role: 'assistant', content: 'A flag.' },
        { role: 'user', content: 'Which one?' },
      ],
    });
    expect(last).toMatchObject({ type: 'error', error: { message: expect.stringContaining('and this conversation has some') } });
    expect(server.requests).toHaveLength(0);
  });

  it('go to a model that reads them', async () => {
    const { text } = await collect(modelForRun('openai', noGateway), { model: 'gpt-5.5', messages: [{ role: 'user', content: 'What is this?', images: [png] }] });
    expect(text).toBe(RECORDED_TEXT.azure);
  });

  it('go to a model omni-ai does not know, and its refusal comes back with what to do', async () => {
    const { last } = await collect(modelForRun('openai-compatible', noGateway), {
      model: 'llama3.3',
      messages: [{ role: 'user', content: 'What is this?', images: [png] }],
    });
    expect(server.requests).toHaveLength(1);
    expect(last).toMatchObject({
      type: 'error',
      error: {
        kind: 'bad-request',
        message: expect.stringMatching(/image_url is only supported by certain models.*If llama3\.3 does not read images, choose a model that does, or start a New chat without them\.$/),
      },
    });
  });
});

describe('imagesIn', () => {
  it('tells the new message’s images from earlier ones', () => {
    expect(imagesIn([{ role: 'user', content: 'a' }])).toBeUndefined();
    expect(imagesIn([{ role: 'user', content: 'a', images: [png] }])).toBe('draft');
    expect(imagesIn([{ role: 'user', content: 'a', images: [png] }, { role: 'assistant', content: 'b' }, { role: 'user', content: 'c' }])).toBe('conversation');
  });
});
