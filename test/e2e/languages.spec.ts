import path from 'node:path';
import type { Page, Worker } from '@playwright/test';
import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { startFakeOpenAI } from '../servers/fake-openai';
import { lastAnswer } from './harness/chat';
import { expect, test } from './harness/fixtures';

const SHOTS = path.resolve(import.meta.dirname, '../../docs/screenshots');

/** Fills and saves a provider's form as a German user does, by the German labels. */
async function configureInGerman(options: Page, provider: string, fields: Record<string, string>) {
  await options.getByRole('combobox', { name: 'Anbieter' }).selectOption({ label: provider });
  for (const [label, value] of Object.entries(fields)) await options.getByLabel(label, { exact: true }).fill(value);
  await options.getByRole('button', { name: 'Speichern', exact: true }).click();
  await expect(options.getByRole('status')).toHaveText(`Einstellungen für ${provider} gespeichert.`);
}

/** Types a question in the German side panel and sends it with Enter. */
async function ask(panel: Page, text: string) {
  const box = panel.getByRole('textbox', { name: 'Nachricht' });
  await box.fill(text);
  await box.press('Enter');
}

/**
 * Records the title of every item the worker creates in the right-click menu from now on: Chrome
 * has no call that reads a menu item's title back. The worker's `browser` is Chrome's own object
 * (Chromium 156 has the `browser` namespace), so the wrapper sees omni-ai's calls.
 */
function recordMenuTitles(worker: Worker) {
  return worker.evaluate(() => {
    const probe = globalThis as unknown as { e2eMenuTitles: string[] };
    probe.e2eMenuTitles = [];
    const create = chrome.contextMenus.create.bind(chrome.contextMenus);
    chrome.contextMenus.create = ((properties: chrome.contextMenus.CreateProperties, callback?: () => void) => {
      if (properties.title) probe.e2eMenuTitles.push(properties.title);
      return create(properties, callback);
    }) as typeof chrome.contextMenus.create;
  });
}

const menuTitles = (worker: Worker) => worker.evaluate(() => (globalThis as unknown as { e2eMenuTitles: string[] }).e2eMenuTitles);

test.describe('in a German browser', () => {
  test.use({ browserLanguage: 'de' });

  test('the side panel and the options page speak German, and so do the worker’s errors and the right-click menu', async ({ extension }) => {
    const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-4-5'], credential: acceptKey('sk-ant-richtig') });
    try {
      const options = await extension.openOptions();
      await expect(options.getByRole('heading', { level: 1 })).toHaveText('omni-ai-Einstellungen');
      await expect(options).toHaveTitle('omni-ai-Einstellungen');
      expect(await options.evaluate(() => document.documentElement.lang)).toBe('de');
      // Each field's hint says in German where to find its value.
      await options.getByRole('combobox', { name: 'Anbieter' }).selectOption({ label: 'Anthropic' });
      await expect(options.getByRole('textbox', { name: 'API-Schlüssel' })).toHaveAccessibleDescription(
        'Erstellen Sie einen in der Anthropic Console (console.anthropic.com) unter Settings → API keys.',
      );
      // A check the form makes, with the German label and the German sentence.
      await options.getByLabel('Basis-URL', { exact: true }).fill('http://example.com');
      await options.getByRole('button', { name: 'Speichern', exact: true }).click();
      await expect(options.getByRole('status')).toHaveText('Nicht gespeichert. Korrigieren Sie: API-Schlüssel, Basis-URL.');
      await expect(options.getByText('API-Schlüssel ist erforderlich.')).toBeVisible();
      await configureInGerman(options, 'Anthropic', { 'API-Schlüssel': 'sk-ant-falsch', 'Basis-URL': anthropic.url });

      const panel = await extension.openSidePanel();
      expect(await panel.evaluate(() => document.documentElement.lang)).toBe('de');
      const toolbar = panel.getByRole('navigation', { name: 'Chat' });
      for (const name of ['Neuer Chat', 'Verlauf', 'Exportieren', 'Einstellungen']) await expect(toolbar.getByRole('button', { name, exact: true })).toBeVisible();
      for (const name of ['Seite hinzufügen', 'Screenshot hinzufügen', 'Senden']) await expect(panel.getByRole('button', { name, exact: true })).toBeVisible();
      // The empty panel's link to the settings sits inside its German sentence.
      await expect(panel.getByText(/Anbieter und Schlüssel finden Sie in den Einstellungen\.$/)).toBeVisible();
      // The wrong key gets no live list: the curated one is offered.
      await expect(panel.getByRole('combobox', { name: 'Modell' })).toBeEnabled();
      await expect(panel.getByRole('heading', { name: 'Wobei kann ich helfen?' })).toBeVisible();

      // The worker builds the error from the provider's 401, in German, naming what to check.
      await ask(panel, 'Hallo?');
      const alert = panel.getByRole('log').getByRole('alert');
      await expect(alert).toContainText('Anthropic hat die Anmeldedaten abgelehnt (HTTP 401).');
      await expect(alert).toContainText('Prüfen Sie den API-Schlüssel in den Optionen von omni-ai.');
      await expect(alert.getByRole('button', { name: 'Wiederholen' })).toBeVisible();

      // The right-click menu: hiding "Erklären" on the German options page rebuilds it, in German.
      const worker = await extension.serviceWorker();
      await recordMenuTitles(worker);
      await options.getByRole('button', { name: 'Erklären ausblenden' }).click();
      await expect(options.getByText('„Erklären“ ist ausgeblendet.')).toBeVisible();
      await expect
        .poll(() => menuTitles(worker))
        .toEqual(['omni-ai fragen', 'Zusammenfassen', 'Übersetzen', 'Umformulieren', 'Fragen …', 'Diese Seite zusammenfassen', 'Diese Seite übersetzen', 'Fragen …', 'omni-ai fragen']);
    } finally {
      await anthropic.close();
    }
  });

  test('the German side panel with a short conversation, for the README', async ({ extension }) => {
    const reply = [
      'Ein Debounce wartet, bis die Aufrufe kurz aufhören, und läuft dann einmal:',
      '',
      '- **Suchfelder**: Die Anfrage geht erst, wenn der Nutzer nicht mehr tippt.',
      '- **Größenänderungen**: Das Layout wird einmal berechnet, nicht bei jedem Pixel.',
    ].join('\n');
    const openai = await startFakeOpenAI({ models: ['gpt-5.5', 'gpt-5.4-mini'], credential: acceptKey('sk'), reply });
    try {
      const options = await extension.openOptions();
      await configureInGerman(options, 'OpenAI', { 'API-Schlüssel': 'sk', 'Basis-URL': `${openai.url}/v1` });
      const panel = await extension.openSidePanel();
      await panel.setViewportSize({ width: 400, height: 680 });
      await panel.getByRole('combobox', { name: 'Modell' }).selectOption('gpt-5.5');
      await ask(panel, 'Was macht ein Debounce?');
      const answer = await lastAnswer(panel);
      await expect(answer.getByRole('toolbar', { name: 'Nachrichtenaktionen' }).getByRole('button', { name: 'Neu generieren', exact: true })).toBeVisible();
      await expect(answer.getByRole('toolbar', { name: 'Nachrichtenaktionen' }).getByRole('button', { name: 'Kopieren', exact: true })).toBeVisible();
      // Usage, in German words and German digits.
      await expect(answer.locator('.usage')).toHaveText(/^Tokens: [\d.]+ Eingabe · [\d.]+ Ausgabe$/);
      await panel.mouse.move(0, 0); // no hover, no tooltip
      await panel.screenshot({ path: path.join(SHOTS, 'side-panel-de.png') });
    } finally {
      await openai.close();
    }
  });
});

test.describe('in a Japanese browser', () => {
  test.use({ browserLanguage: 'ja' });

  test('the side panel speaks Japanese', async ({ extension }) => {
    const panel = await extension.openSidePanel();
    expect(await panel.evaluate(() => document.documentElement.lang)).toBe('ja');
    // Lines break between phrases, not between any two characters (theme.css).
    expect(await panel.evaluate(() => getComputedStyle(document.body).wordBreak)).toBe('auto-phrase');
    // No provider is set up yet: the setup card, in Japanese.
    await expect(panel.getByRole('heading', { name: 'omni-ai のセットアップ' })).toBeVisible();
    await expect(panel.getByRole('textbox', { name: 'メッセージ' })).toHaveAttribute('placeholder', '何でも質問するか、/ でプロンプトを選択…');
    await expect(panel.getByRole('button', { name: '新しいチャット' })).toBeVisible();
    await expect(panel.getByRole('button', { name: 'OpenAI', exact: true })).toHaveAccessibleDescription('platform.openai.com の API キー');
  });
});
