import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatUsage } from '@/lib/chat/format-usage';
import { imageCapNote } from '@/lib/chat/image-limits';
import { promptLanguage } from '@/lib/chat/prompt-language';
import { quickRequest } from '@/lib/chat/quick-request';
import { plural } from '@/lib/i18n/plural';
import { t } from '@/lib/i18n/t';
import { builtInPrompts } from '@/lib/settings/prompts/built-in-prompts';
import { getMessage } from '../setup-i18n';

/** The browser as Chrome is in `locale`: its messages, and its UI language. */
function browserIn(locale: 'en' | 'de' | 'ja') {
  const messages = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, `../../../public/_locales/${locale}/messages.json`), 'utf8'));
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) => getMessage(messages, key, substitutions)) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => locale;
}

describe('messages in the browser’s language', () => {
  it('picks the plural form the language’s rules select, with the count written its way', () => {
    expect([1, 2, 1234].map((n) => plural('history_matches', n))).toEqual([
      '1 conversation matches.',
      '2 conversations match.',
      '1,234 conversations match.',
    ]);
    browserIn('de');
    expect([1, 2, 1234].map((n) => plural('history_matches', n))).toEqual(['1 Unterhaltung gefunden.', '2 Unterhaltungen gefunden.', '1.234 Unterhaltungen gefunden.']);
    browserIn('ja');
    expect([1, 2].map((n) => plural('history_matches', n))).toEqual(['1件の会話が一致しました。', '2件の会話が一致しました。']);
  });

  it('writes token usage as each language does, English as before', () => {
    const usage = { inputTokens: 1200, outputTokens: 34 };
    expect(formatUsage(usage)).toBe('1,200 in · 34 out tokens');
    browserIn('de');
    expect(formatUsage(usage)).toBe('Tokens: 1.200 Eingabe · 34 Ausgabe');
    browserIn('ja');
    expect(formatUsage(usage)).toBe('トークン: 入力 1,200 · 出力 34');
  });

  it('gives the built-in quick actions in the browser’s language, {{language}} named in it', () => {
    browserIn('de');
    const translate = builtInPrompts().find((p) => p.id === 'translate')!;
    expect(translate.title).toBe('Übersetzen');
    const language = promptLanguage('', fakeBrowser.i18n.getUILanguage(), t('locale'));
    expect(language).toBe('Deutsch');
    expect(quickRequest(translate.template, 'selection', language)).toBe(
      'Übersetzen Sie den markierten Text in folgende Sprache: Deutsch. Ist der Text bereits auf Deutsch, übersetzen Sie ihn ins Englische. Geben Sie nur die Übersetzung aus.',
    );
    browserIn('ja');
    const summarize = builtInPrompts().find((p) => p.id === 'summarize')!;
    expect(quickRequest(summarize.template, 'selection', promptLanguage('', 'ja', t('locale')))).toBe(
      '選択したテキストを短い箇条書きで簡潔に要約してください。日本語で回答してください。',
    );
    // A language the user typed as a code is named in the messages' language too.
    expect(promptLanguage('pt-BR', 'ja', t('locale'))).toBe('ポルトガル語 (ブラジル)');
  });

  it('writes a measure in pixels without a thousands separator, as English always did', () => {
    expect(imageCapNote()).toBe('Up to 4 images per message. Larger ones are scaled down to 1568 px on the longest side and at most 2 MB.');
    browserIn('de');
    expect(imageCapNote()).toBe('Bis zu 4 Bilder pro Nachricht. Größere werden auf 1568 px an der längsten Seite und höchstens 2 MB verkleinert.');
  });

  it('keeps the English built-in prompts as they were', () => {
    expect(builtInPrompts().map((p) => p.title)).toEqual(['Summarize', 'Explain', 'Translate', 'Rephrase', 'Summarize this page', 'Translate this page']);
    expect(quickRequest(builtInPrompts()[0]!.template, 'page', promptLanguage('', 'en-US', t('locale')))).toBe(
      'Summarize the page in a few short bullet points. Answer in English (United States).',
    );
  });
});
