import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeOpenAI } from '../servers/fake-openai';
import { RECORDED_TEXT } from '../servers/recorded';
import { startStaticSite } from '../servers/static-site';
import { lastAnswer, sendMessage, storedMessages } from './harness/chat';
import { configureProvider } from './harness/configure';
import { expect, test } from './harness/fixtures';
import { readClipboard } from './harness/clipboard';

// Copy, Regenerate (with another model too), Edit and the versions they leave, as a user does them,
// with the request each provider receives.

const chatBodies = (server: { requests: { path: string; body: Record<string, unknown> }[] }) =>
  server.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body);

test('Copy puts the answer on the clipboard as Markdown, and the tokens it used are shown', async ({ extension }) => {
  const reply = 'Use **`debounce`**:\n\n```ts\ndebounce(save, 300);\n```';
  const server = await startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk'), reply });
  // Where the user pastes: a web page (Chrome grants no clipboard permission to an extension's origin by CDP).
  const site = await startStaticSite('<!doctype html><title>Notes</title><textarea aria-label="Notes"></textarea>');
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI', { 'API key': 'sk', 'Base URL': `${server.url}/v1` });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'How do I debounce?');
    const answer = await lastAnswer(panel);
    const actions = answer.getByRole('toolbar', { name: 'Message actions' });
    await expect(actions).toContainText('15 in · 78 out tokens');
    await actions.getByRole('button', { name: 'Copy', exact: true }).click();
    await expect(actions).toContainText('Copied');

    expect(await readClipboard(extension.context, site.url)).toBe(reply);
  } finally {
    await Promise.all([server.close(), site.close()]);
  }
});

test('Regenerate asks the same question again; with another model, that model answers; every answer stays reachable', async ({ extension }) => {
  const openai = await startFakeOpenAI({ models: ['gpt-5.5', 'gpt-5.4-mini'], credential: acceptKey('sk') });
  const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-5-5'], noTemperature: ['claude-sonnet-5-5'], credential: acceptKey('sk-ant') });
  try {
    const options = await extension.openOptions();
    await configureProvider(options, 'Anthropic', { 'API key': 'sk-ant', 'Base URL': anthropic.url });
    await configureProvider(options, 'OpenAI', { 'API key': 'sk', 'Base URL': `${openai.url}/v1` });
    const panel = await extension.openSidePanel();
    await panel.getByRole('combobox', { name: 'Model' }).selectOption('gpt-5.5');
    await sendMessage(panel, 'Capital of France?');
    await lastAnswer(panel);

    await panel.getByRole('button', { name: 'Regenerate', exact: true }).click();
    await expect(await lastAnswer(panel)).toHaveAccessibleName('OpenAI · gpt-5.5');
    const [first, again] = chatBodies(openai);
    expect(again!.messages).toEqual(first!.messages);
    expect(again!.messages).toEqual([{ role: 'user', content: 'Capital of France?' }]);

    // Another model, from the same answer's menu: a second provider, to compare the two.
    await panel.getByRole('button', { name: 'Regenerate with another model' }).click();
    await panel.getByRole('menu', { name: 'Regenerate with' }).getByRole('menuitem', { name: 'Anthropic · Claude Sonnet 5.5' }).click();
    const third = await lastAnswer(panel);
    await expect(third).toHaveAccessibleName('Anthropic · claude-sonnet-5-5');
    await expect(third.locator('.content')).toHaveText(RECORDED_TEXT.anthropic);
    expect(anthropic.requests.at(-1)!.body).toMatchObject({ model: 'claude-sonnet-5-5', messages: [{ role: 'user', content: 'Capital of France?' }] });
    // The header still says what the next question goes to: the choice was for that answer only.
    await expect(panel.getByRole('combobox', { name: 'Model' })).toHaveValue('gpt-5.5');

    const versions = third.getByRole('group', { name: 'Versions' });
    await expect(versions).toContainText('Version 3 of 3');
    await versions.getByRole('button', { name: 'Previous version' }).click();
    await versions.getByRole('button', { name: 'Previous version' }).click();
    const answers = panel.getByRole('log').getByRole('article');
    await expect(answers).toHaveCount(2); // one question, the version of its answer shown
    await expect(answers.last()).toHaveAccessibleName('OpenAI · gpt-5.5');
    await expect(answers.last().getByRole('group', { name: 'Versions' })).toContainText('Version 1 of 3');
    expect((await storedMessages(panel)).filter((m) => m.role === 'assistant')).toHaveLength(3);

    // Reopened later, the conversation shows the answer written last, its versions one click away.
    await panel.reload();
    await expect(panel.getByRole('log').getByRole('article').last()).toHaveAccessibleName('Anthropic · claude-sonnet-5-5');
  } finally {
    await Promise.all([openai.close(), anthropic.close()]);
  }
});

test('Edit resends the edited question with only what came before it; the original and its answer stay reachable', async ({ extension }) => {
  const server = await startFakeOpenAI({ models: ['gpt-5.5'], credential: acceptKey('sk') });
  try {
    await configureProvider(await extension.openOptions(), 'OpenAI', { 'API key': 'sk', 'Base URL': `${server.url}/v1` });
    const panel = await extension.openSidePanel();
    await sendMessage(panel, 'Capital of France?');
    await lastAnswer(panel);
    await sendMessage(panel, 'And of Italy?');
    await lastAnswer(panel);

    const second = panel.getByRole('article', { name: 'You' }).last();
    await second.getByRole('button', { name: 'Edit' }).click();
    await second.getByRole('textbox', { name: 'Edited message' }).fill('And of Spain?');
    await second.getByRole('button', { name: 'Save and send' }).click();
    await lastAnswer(panel);

    expect(chatBodies(server).at(-1)!.messages).toEqual([
      { role: 'user', content: 'Capital of France?' },
      { role: 'assistant', content: RECORDED_TEXT.azure },
      { role: 'user', content: 'And of Spain?' },
    ]);
    const questions = panel.getByRole('article', { name: 'You' });
    await expect(questions).toHaveText(['Capital of France?', /^And of Spain\?/]);
    await expect(questions.last().getByRole('group', { name: 'Versions' })).toContainText('Version 2 of 2');

    await questions.last().getByRole('button', { name: 'Previous version' }).click();
    await expect(questions.last()).toContainText('And of Italy?');
    await expect(panel.getByRole('log').getByRole('article')).toHaveCount(4);

    // Esc leaves an edit without sending anything.
    const count = chatBodies(server).length;
    await questions.first().getByRole('button', { name: 'Edit' }).click();
    await questions.first().getByRole('textbox', { name: 'Edited message' }).press('Escape');
    await expect(questions.first()).toHaveText('Capital of France?');
    expect(chatBodies(server)).toHaveLength(count);
  } finally {
    await server.close();
  }
});
