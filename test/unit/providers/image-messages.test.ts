import './sdks-registered';
import { afterEach, describe, expect, it } from 'vitest';
import { createAnthropicModel, toAnthropicMessages } from '@/lib/providers/anthropic';
import { createAzureOpenAIModel } from '@/lib/providers/azure-openai';
import { converseBody, createBedrockModel } from '@/lib/providers/bedrock';
import { createOpenAIModel } from '@/lib/providers/openai';
import { createOpenAICompatibleModel } from '@/lib/providers/openai-compatible';
import { toOpenAIMessages } from '@/lib/providers/openai-chat-stream';
import type { ChatMessage } from '@/lib/providers/types';
import { createVertexModel, generateContentBody } from '@/lib/providers/vertex';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { acceptKey } from '../../servers/auth-check';
import { startFakeAnthropic } from '../../servers/fake-anthropic';
import { startFakeAzureOpenAI } from '../../servers/fake-azure-openai';
import { startFakeBedrock } from '../../servers/fake-bedrock';
import { startFakeOpenAI } from '../../servers/fake-openai';
import { startFakeVertex } from '../../servers/fake-vertex';
import { RECORDED_TEXT } from '../../servers/recorded';
import { collect, withBearer } from './collect';
import { fixtureImage, truncatedPng } from './images';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});
async function started<T extends { close: () => Promise<unknown> }>(server: Promise<T>): Promise<T> {
  const s = await server;
  closers.push(s.close);
  return s;
}

const png = fixtureImage('png');
const jpeg = fixtureImage('jpeg');
const signal = new AbortController().signal;

/** An earlier turn with an image, an answer, then a question with two images. */
const conversation: ChatMessage[] = [
  { role: 'user', content: 'What colour is this?', images: [png] },
  { role: 'assistant', content: 'Red and blue.' },
  { role: 'user', content: 'And these?', images: [jpeg, png] },
];

describe('each provider’s own image format', () => {
  it('OpenAI and Azure: the text, then each image as an image_url data URL; a turn without images stays a string', () => {
    expect(toOpenAIMessages({ model: 'm', messages: conversation, signal })).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'What colour is this?' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png.data}` } }] },
      { role: 'assistant', content: 'Red and blue.' },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'And these?' },
          { type: 'image_url', image_url: { url: `data:image/jpeg;base64,${jpeg.data}` } },
          { type: 'image_url', image_url: { url: `data:image/png;base64,${png.data}` } },
        ],
      },
    ]);
  });

  it('Anthropic: base64 image blocks before the text', () => {
    expect(toAnthropicMessages(conversation)).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.data } },
          { type: 'text', text: 'What colour is this?' },
        ],
      },
      { role: 'assistant', content: 'Red and blue.' },
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: jpeg.data } },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.data } },
          { type: 'text', text: 'And these?' },
        ],
      },
    ]);
  });

  it('Bedrock Converse: ImageBlocks with format and base64 bytes, before the text', () => {
    expect(converseBody({ model: 'm', messages: conversation }).messages).toEqual([
      { role: 'user', content: [{ image: { format: 'png', source: { bytes: png.data } } }, { text: 'What colour is this?' }] },
      { role: 'assistant', content: [{ text: 'Red and blue.' }] },
      {
        role: 'user',
        content: [{ image: { format: 'jpeg', source: { bytes: jpeg.data } } }, { image: { format: 'png', source: { bytes: png.data } } }, { text: 'And these?' }],
      },
    ]);
  });

  it('Vertex Gemini: inlineData parts before the text', () => {
    expect(generateContentBody({ model: 'm', messages: conversation }).contents).toEqual([
      { role: 'user', parts: [{ inlineData: { mimeType: 'image/png', data: png.data } }, { text: 'What colour is this?' }] },
      { role: 'model', parts: [{ text: 'Red and blue.' }] },
      { role: 'user', parts: [{ inlineData: { mimeType: 'image/jpeg', data: jpeg.data } }, { inlineData: { mimeType: 'image/png', data: png.data } }, { text: 'And these?' }] },
    ]);
  });

  it('a question of images alone sends no empty text part, which Anthropic, Bedrock and Vertex refuse', () => {
    const imagesOnly: ChatMessage[] = [{ role: 'user', content: '', images: [png] }];
    expect(toOpenAIMessages({ model: 'm', messages: imagesOnly, signal })[0]!.content).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${png.data}` } },
    ]);
    expect(toAnthropicMessages(imagesOnly)[0]!.content).toEqual([{ type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.data } }]);
    expect(converseBody({ model: 'm', messages: imagesOnly }).messages[0]!.content).toEqual([{ image: { format: 'png', source: { bytes: png.data } } }]);
    expect(generateContentBody({ model: 'm', messages: imagesOnly }).contents[0]!.parts).toEqual([{ inlineData: { mimeType: 'image/png', data: png.data } }]);
  });
});

// The same requests through each adapter to its fake, which checks the images as the real API does.
describe('images reach each fake provider, which checks them as the real API does', () => {
  const imageQuestion = (image = png): ChatMessage[] => [{ role: 'user', content: 'What colour is this?', images: [image] }];

  it('OpenAI accepts the data URL, and passes on OpenAI’s words for an image it cannot read', async () => {
    const server = await started(startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('k') }));
    const model = createOpenAIModel({ apiKey: 'k', baseURL: `${server.url}/v1` }, fetch);
    expect((await collect(model, { model: 'gpt-5.5', messages: imageQuestion() })).text).toBe(RECORDED_TEXT.azure);
    expect((await collect(model, { model: 'gpt-5.5', messages: imageQuestion(truncatedPng()) })).last).toMatchObject({
      type: 'error',
      error: { kind: 'bad-request', status: 400, message: expect.stringContaining('OpenAI said: “You uploaded an unsupported image.') },
    });
  });

  it('an OpenAI-compatible server’s text-only model refuses image_url with OpenAI’s message', async () => {
    const server = await started(startFakeOpenAI({ models: ['llama3.3'], textOnly: ['llama3.3'] }));
    const config = { ...PROVIDER_FORMS['openai-compatible'].defaults, baseURL: `${server.url}/v1` };
    expect((await collect(createOpenAICompatibleModel(config, fetch), { model: 'llama3.3', messages: imageQuestion() })).last).toMatchObject({
      type: 'error',
      error: { kind: 'bad-request', message: expect.stringContaining('image_url is only supported by certain models') },
    });
  });

  it('Azure OpenAI accepts the data URL on the deployment, and refuses bad data in Azure’s shape', async () => {
    const server = await started(startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], apiKey: acceptKey('key') }));
    const config = { ...PROVIDER_FORMS['azure-openai'].defaults, endpoint: server.url, auth: 'api-key' as const, apiKey: 'key', models: ['gpt-4o-prod'] };
    const model = createAzureOpenAIModel(config, { getToken: async () => 'unused', authFetch: fetch, fetch });
    expect((await collect(model, { model: 'gpt-4o-prod', messages: imageQuestion(jpeg) })).text).toBe(RECORDED_TEXT.azure);
    expect((await collect(model, { model: 'gpt-4o-prod', messages: imageQuestion(truncatedPng()) })).last).toMatchObject({
      type: 'error',
      error: { kind: 'bad-request', message: expect.stringContaining('Azure OpenAI said: “Invalid image (base64) data.”') },
    });
  });

  it('Anthropic accepts the image block, and refuses bytes that are not the declared type', async () => {
    const server = await started(startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('k') }));
    const model = createAnthropicModel({ apiKey: 'k', baseURL: server.url }, fetch);
    expect((await collect(model, { model: 'claude-sonnet-5-5', messages: imageQuestion() })).text).toBe(RECORDED_TEXT.anthropic);
    const mislabelled = { mediaType: 'image/png' as const, data: jpeg.data };
    expect((await collect(model, { model: 'claude-sonnet-5-5', messages: imageQuestion(mislabelled) })).last).toMatchObject({
      type: 'error',
      error: { kind: 'bad-request', message: expect.stringContaining('messages.0.content.0.image.source.base64.data: Image does not match the provided media type image/png') },
    });
  });

  it('Bedrock accepts the ImageBlock, and refuses bytes of another format with AWS’s words', async () => {
    const MODEL = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
    const server = await started(startFakeBedrock({ models: [MODEL], credential: acceptKey('t') }));
    const model = createBedrockModel({ ...PROVIDER_FORMS.bedrock.defaults, endpoint: server.url, models: [MODEL] }, { authFetch: withBearer('t'), fetch });
    expect((await collect(model, { model: MODEL, messages: imageQuestion() })).text).toBe(RECORDED_TEXT.bedrock);
    const mislabelled = { mediaType: 'image/webp' as const, data: png.data };
    expect((await collect(model, { model: MODEL, messages: imageQuestion(mislabelled) })).last).toMatchObject({
      type: 'error',
      error: { kind: 'bad-request', message: expect.stringContaining('The provided image does not match the specified image format.') },
    });
  });

  it('Vertex accepts inlineData, and refuses an image it cannot read with Google’s words', async () => {
    const server = await started(startFakeVertex({ project: 'p', location: 'us-central1', models: ['gemini-2.5-pro'], credential: acceptKey('t') }));
    const model = createVertexModel({ ...PROVIDER_FORMS.vertex.defaults, projectId: 'p', baseURL: server.url }, withBearer('t'));
    expect((await collect(model, { model: 'gemini-2.5-pro', messages: imageQuestion(fixtureImage('webp')) })).text).toBe(RECORDED_TEXT.vertex);
    expect((await collect(model, { model: 'gemini-2.5-pro', messages: imageQuestion(truncatedPng()) })).last).toMatchObject({
      type: 'error',
      error: { kind: 'bad-request', message: expect.stringContaining('Google Vertex AI said: “Provided image is not valid”') },
    });
  });
});
