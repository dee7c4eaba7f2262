import { acceptKey } from '../servers/auth-check';
import { startFakeAnthropic } from '../servers/fake-anthropic';
import { expect, test } from './harness/fixtures';
import { byRole, click, field, fill, lastAnswer, roleText, selectByLabel, sendMessage } from './harness/ui';

// omni-ai in a German Firefox: the same messages.json as in Chrome, read through Firefox's own
// browser.i18n (the Chromium suite's languages.spec.ts checks more of the UI in German).

test.describe('in a German Firefox', () => {
  test.use({ browserLanguage: 'de' });

  test('the options page, the side panel and the background’s errors speak German', async ({ extension }) => {
    const anthropic = await startFakeAnthropic({ models: ['claude-sonnet-4-5'], credential: acceptKey('sk-ant-richtig') });
    try {
      const options = await extension.openOptions();
      expect(await options.evaluate(() => document.documentElement.lang)).toBe('de');
      await expect.poll(() => roleText(options, 'heading', 'omni-ai-Einstellungen')).toBe('omni-ai-Einstellungen');
      // Filled by the German labels; the form's own check answers in German.
      await selectByLabel(await byRole(options, 'combobox', 'Anbieter'), 'Anthropic');
      await fill(await field(options, 'Basis-URL'), 'http://example.com');
      await click(options, 'button', 'Speichern');
      await expect.poll(() => roleText(options, 'status')).toBe('Nicht gespeichert. Korrigieren Sie: API-Schlüssel, Basis-URL.');
      await fill(await field(options, 'API-Schlüssel'), 'sk-ant-falsch');
      await fill(await field(options, 'Basis-URL'), anthropic.url);
      await click(options, 'button', 'Speichern');
      await expect.poll(() => roleText(options, 'status')).toBe('Einstellungen für Anthropic gespeichert.');

      const panel = await extension.openSidePanel();
      expect(await panel.evaluate(() => document.documentElement.lang)).toBe('de');
      const toolbar = await byRole(panel, 'navigation', 'Chat');
      for (const name of ['Neuer Chat', 'Verlauf', 'Exportieren', 'Einstellungen']) await byRole(toolbar, 'button', name);
      await byRole(panel, 'heading', 'Wobei kann ich helfen?');
      // The background page builds the error from the provider's 401, in German.
      await sendMessage(panel, 'Hallo?', 'Nachricht');
      const { alert } = await lastAnswer(panel);
      expect(alert).toContain('Anthropic hat die Anmeldedaten abgelehnt (HTTP 401).');
      expect(alert).toContain('Prüfen Sie den API-Schlüssel in den Optionen von omni-ai.');
    } finally {
      await anthropic.close();
    }
  });
});
