import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeAzureOpenAI } from '../servers/fake-azure-openai';
import { startFakeBedrock } from '../servers/fake-bedrock';
import { startFakeOpenAI } from '../servers/fake-openai';
import { checkImage } from '../servers/image-check';
import { RECORDED_TEXT } from '../servers/recorded';
import { startVertexWithServiceAccount } from '../servers/vertex-service-account';
import { lastAnswer, sendMessage } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { dropFiles, lookAt, pasteImages } from './harness/images';

const RED = '#dd2222';
const BLUE = '#2222dd';

type Json = Record<string, unknown>;
const lastPost = (requests: { method: string; body: Json }[]) => requests.filter((r) => r.method === 'POST').at(-1)!.body;

test('a pasted image shows as a removable thumbnail, goes to Anthropic as an image block, and stays with the conversation', async ({ extension }) => {
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], credential: acceptKey('a') });
  try {
    await configureProvider(await extension.openOptions(), 'Anthropic', { 'API key': 'a', 'Base URL': anthropic.url });
    const panel = await extension.openSidePanel();
    await pasteImages(panel, [
      { width: 40, height: 20, left: RED, right: BLUE },
      { width: 10, height: 10, left: BLUE, right: BLUE },
    ]);
    const attached = panel.getByRole('region', { name: 'Attached images' });
    await expect(attached.getByRole('img')).toHaveCount(2);
    await expect(attached.getByRole('img', { name: 'Pasted image 1' })).toHaveAttribute('src', /^blob:chrome-extension:/);
    // The cap, where the user attaches.
    await expect(attached).toContainText('Up to 4 images per message. Larger ones are scaled down to 1568 px on the longest side and at most 2 MB.');
    await attached.getByRole('button', { name: 'Remove pasted image 2' }).click();
    await expect(attached.getByRole('img')).toHaveCount(1);

    await sendMessage(panel, 'What colours are these?');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    await expect(panel.getByRole('region', { name: 'Attached images' })).toHaveCount(0); // it went with the message

    const [question] = lastPost(anthropic.requests).messages as { content: Json[] }[];
    expect(question!.content).toEqual([
      { type: 'image', source: { type: 'base64', media_type: 'image/png', data: expect.any(String) } },
      { type: 'text', text: 'What colours are these?' },
    ]);
    const sent = (question!.content[0]!.source as { data: string }).data;
    expect(await lookAt(panel, 'image/png', sent)).toEqual({ width: 40, height: 20, left: RED, right: BLUE });

    // Shown in the question as sent, from blob: only.
    const asked = panel.getByRole('article', { name: 'You' });
    await expect(asked.getByRole('img', { name: 'Pasted image 1' })).toHaveAttribute('src', /^blob:chrome-extension:/);

    // Reopened later: the image comes from IndexedDB, and goes again with the next question.
    await panel.close();
    const again = await extension.openSidePanel();
    await expect(again.getByRole('article', { name: 'You' }).getByRole('img', { name: 'Pasted image 1' })).toBeVisible();
    await sendMessage(again, 'And the left half?');
    await lastAnswer(again);
    const history = lastPost(anthropic.requests).messages as { role: string; content: Json[] | string }[];
    expect(history.map((m) => m.role)).toEqual(['user', 'assistant', 'user']);
    expect(((history[0]!.content as Json[])[0]!.source as { data: string }).data).toBe(sent);
    expect(history[2]!.content).toBe('And the left half?');
  } finally {
    await anthropic.close();
  }
});

test('a large dropped image is scaled to the cap in the panel, and goes to OpenAI as an image_url data URL', async ({ extension }) => {
  const openai = await startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk') });
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI', { 'API key': 'sk', 'Base URL': `${openai.url}/v1` });
    const panel = await extension.openSidePanel();
    const small = (name: string) => ({ name, type: 'image/png', picture: { width: 8, height: 8, left: BLUE, right: BLUE } });
    await dropFiles(panel, [
      { name: 'poster.png', type: 'image/png', picture: { width: 4000, height: 2000, left: RED, right: BLUE } },
      { name: 'notes.pdf', type: 'application/pdf', text: '%PDF-1.7' },
      { name: 'broken.png', type: 'image/png', text: 'not a picture at all' },
      small('b.png'),
      small('c.png'),
      small('d.png'),
    ]);
    const attached = panel.getByRole('region', { name: 'Attached images' });
    // Four were taken (the cap per message), of which one could not be read.
    await expect(attached.getByRole('img')).toHaveCount(3);
    await expect(attached.getByRole('img', { name: 'Dropped image 1 (poster.png)' })).toBeVisible();
    const alert = panel.getByRole('alert');
    await expect(alert).toContainText('“notes.pdf” was not added: omni-ai attaches images only (PNG, JPEG, WebP, GIF…).');
    await expect(alert).toContainText('Only 4 images can go with one message: 1 not added. Send these first, or remove one.');
    await expect(alert).toContainText('“broken.png” was not added: it is not an image the browser can read (PNG, JPEG, WebP, GIF, BMP or AVIF).');
    await panel.getByRole('button', { name: 'Dismiss' }).click();
    for (const name of ['b.png', 'c.png']) await attached.getByRole('button', { name: `Remove dropped image 2 (${name})` }).click();
    await expect(attached.getByRole('img')).toHaveCount(1);
    await panel.getByRole('button', { name: 'Send' }).click(); // an image alone is a question
    await lastAnswer(panel);

    const [question] = lastPost(openai.requests).messages as { content: { type: string; image_url?: { url: string } }[] }[];
    expect(question!.content).toHaveLength(1); // no empty text part
    const url = question!.content[0]!.image_url!.url;
    const [, mediaType, data] = /^data:(image\/png);base64,(.+)$/.exec(url)!;
    const check = checkImage(data!, Infinity);
    expect(check).toMatchObject({ ok: true, type: 'png', width: 1568, height: 784 });
    expect(await lookAt(panel, mediaType!, data!)).toMatchObject({ left: RED, right: BLUE });
  } finally {
    await openai.close();
  }
});

test('a model that reads no images says so before anything is sent, and another model takes them', async ({ extension }) => {
  const openai = await startFakeOpenAI({ models: ['gpt-5.5', 'gpt-3.5-turbo'], credential: acceptKey('sk'), textOnly: ['gpt-3.5-turbo'] });
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI', { 'API key': 'sk', 'Base URL': `${openai.url}/v1` });
    const panel = await extension.openSidePanel();
    const model = panel.getByRole('combobox', { name: 'Model' });
    await expect(model.locator('option')).toHaveText(['gpt-3.5-turbo', 'gpt-5.5']); // the live list
    await model.selectOption('gpt-3.5-turbo');
    await pasteImages(panel, [{ width: 20, height: 20, left: RED, right: BLUE }]);
    const refusal = 'OpenAI · gpt-3.5-turbo cannot read images. Remove the images, or choose a model that reads them in the “Model” list.';
    await expect(panel.getByRole('alert')).toHaveText(refusal);
    await expect(panel.getByRole('button', { name: 'Send' })).toBeDisabled();
    const box = panel.getByRole('textbox', { name: 'Message' });
    await box.fill('What is this?');
    await box.press('Enter');
    await expect(box).toHaveValue('What is this?'); // nothing lost
    await expect(panel.getByRole('log').getByRole('article')).toHaveCount(0);
    expect(openai.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    await model.selectOption('gpt-5.5');
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await box.press('Enter');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.azure);
    expect(lastPost(openai.requests)).toMatchObject({ model: 'gpt-5.5' });
  } finally {
    await openai.close();
  }
});

// The enterprise providers, each configured through the options page, each receiving the pasted
// picture in its own format, which its fake checks as the real API does.

test('Azure OpenAI gets the image as an image_url data URL on the deployment', async ({ extension }) => {
  const azure = await startFakeAzureOpenAI({ deployments: ['gpt-4o-prod'], apiKey: acceptKey('azure-key') });
  try {
    await configureProvider(await extension.openOptions(), 'Azure OpenAI', {
      Endpoint: azure.url,
      Models: 'gpt-4o-prod',
      Authentication: 'API key',
      'API key': 'azure-key',
    });
    const panel = await extension.openSidePanel();
    await pasteImages(panel, [{ width: 30, height: 10, left: RED, right: BLUE }]);
    await sendMessage(panel, 'Describe it.');
    await expect((await lastAnswer(panel)).locator('.content')).toHaveText(RECORDED_TEXT.azure);
    const request = azure.requests.at(-1)!;
    expect(request.path).toBe('/openai/deployments/gpt-4o-prod/chat/completions');
    const [question] = request.body.messages as { content: { type: string; text?: string; image_url?: { url: string } }[] }[];
    expect(question!.content.map((part) => part.type)).toEqual(['text', 'image_url']);
    const [, data] = /^data:image\/png;base64,(.+)$/.exec(question!.content[1]!.image_url!.url)!;
    expect(await lookAt(panel, 'image/png', data!)).toEqual({ width: 30, height: 10, left: RED, right: BLUE });
  } finally {
    await azure.close();
  }
});

test('AWS Bedrock gets the image as a Converse ImageBlock with its bytes', async ({ extension }) => {
  const model = 'us.anthropic.claude-sonnet-4-5-20250929-v1:0';
  const bedrock = await startFakeBedrock({ models: [model], credential: acceptKey('bedrock-key') });
  try {
    await configureProvider(await extension.openOptions(), 'AWS Bedrock', {
      Endpoint: bedrock.url,
      Models: model,
      Authentication: 'Bedrock API key',
      'API key': 'bedrock-key',
    });
    const panel = await extension.openSidePanel();
    // A JPEG saved as .png: its bytes decide the format sent, or Bedrock would refuse it.
    await pasteImages(panel, [{ width: 30, height: 10, left: RED, right: BLUE, type: 'image/jpeg', name: 'photo.png', label: 'image/png' }]);
    await sendMessage(panel, 'Describe it.');
    await lastAnswer(panel);
    const [question] = bedrock.requests.at(-1)!.body.messages as { content: Json[] }[];
    expect(question!.content).toEqual([{ image: { format: 'jpeg', source: { bytes: expect.any(String) } } }, { text: 'Describe it.' }]);
    const bytes = ((question!.content[0]!.image as Json).source as { bytes: string }).bytes;
    expect(checkImage(bytes, Infinity)).toMatchObject({ ok: true, type: 'jpeg', width: 30, height: 10 });
  } finally {
    await bedrock.close();
  }
});

test('Google Vertex AI gets the image as inlineData', async ({ extension }) => {
  const { vertex, fields, close } = await startVertexWithServiceAccount();
  try {
    await configureProvider(await extension.openOptions(), 'Google Vertex AI', fields);
    const panel = await extension.openSidePanel();
    // Shown by its name, the ID in its tooltip.
    await expect(panel.getByRole('combobox', { name: 'Model' }).locator('option')).toHaveText(['Gemini 2.5 Pro']);
    await pasteImages(panel, [{ width: 30, height: 10, left: RED, right: BLUE }]);
    await sendMessage(panel, 'Describe it.');
    await lastAnswer(panel);
    const [question] = vertex.requests.at(-1)!.body.contents as { parts: Json[] }[];
    expect(question!.parts).toEqual([{ inlineData: { mimeType: 'image/png', data: expect.any(String) } }, { text: 'Describe it.' }]);
    const data = (question!.parts[0]!.inlineData as { data: string }).data;
    expect(await lookAt(panel, 'image/png', data)).toEqual({ width: 30, height: 10, left: RED, right: BLUE });
  } finally {
    await close();
  }
});
