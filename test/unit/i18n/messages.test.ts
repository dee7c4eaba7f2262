import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { clientCredentialsRequest } from '@/lib/auth/grants/client-credentials';
import { readAuthorizationResponse } from '@/lib/auth/sign-in/authorization-response';
import { requestToken } from '@/lib/auth/token-endpoint';
import { toMarkdown } from '@/lib/chat/chat-store';
import { formatUsage } from '@/lib/chat/format-usage';
import { imageData } from '@/lib/chat/image-data';
import { imageCapNote } from '@/lib/chat/image-limits';
import { promptLanguage } from '@/lib/chat/prompt-language';
import { quickRequest } from '@/lib/chat/quick-request';
import { plural } from '@/lib/i18n/plural';
import { t } from '@/lib/i18n/t';
import { migrateSettings } from '@/lib/settings/migrations';
import { parseStoredSettings } from '@/lib/settings/parse-stored';
import { parsePolicy } from '@/lib/settings/policy/parse-policy';
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

  describe('the last English-only messages (issue 14 §4)', () => {
    /** A token endpoint that refuses the client's grant, as Entra ID does for a disabled secret. */
    const refusedToken = () =>
      requestToken(
        clientCredentialsRequest({
          grant: 'client_credentials',
          tokenEndpoint: 'https://idp.example.com/oauth2/token',
          clientId: 'omni',
          clientSecret: 's3cr3t-value',
          clientAuth: 'basic',
          scope: '',
          audience: '',
          resource: '',
        }),
        { fetch: async () => Response.json({ error: 'invalid_grant', error_description: 'Key disabled.' }, { status: 400 }), attempts: 1 },
      );

    it('says what the token endpoint refused, the OAuth2 code and the server’s words kept as sent', async () => {
      await expect(refusedToken()).rejects.toThrow(
        'The token endpoint https://idp.example.com/oauth2/token refused: invalid_grant: Key disabled. What to do: check the Client ID and Client secret (a deleted or disabled key, or a wrong clock, gives this).',
      );
      browserIn('de');
      await expect(refusedToken()).rejects.toThrow(
        'Der Token-Endpunkt https://idp.example.com/oauth2/token hat abgelehnt: invalid_grant: Key disabled. Was zu tun ist: Prüfen Sie die Client-ID und den geheimen Clientschlüssel (ein gelöschter oder deaktivierter Schlüssel oder eine falsch gehende Uhr führt dazu).',
      );
      browserIn('ja');
      await expect(refusedToken()).rejects.toThrow(
        'トークン エンドポイント https://idp.example.com/oauth2/token が拒否しました: invalid_grant: Key disabled。対処: クライアント ID とクライアント シークレット を確認してください（削除または無効化されたキー、あるいは時計のずれが原因になります）。',
      );
    });

    it('says the sign-in page’s refusal in the browser’s language, the error code kept', () => {
      const pending = { url: '', state: 's', nonce: 'n', verifier: 'v', redirectUri: 'https://abc.chromiumapp.org/' };
      const metadata = { issuer: 'https://idp.example.com', issInResponse: false } as Parameters<typeof readAuthorizationResponse>[2];
      const answer = 'https://abc.chromiumapp.org/?state=s&error=access_denied';
      browserIn('de');
      expect(() => readAuthorizationResponse(answer, pending, metadata)).toThrow(
        'Die Anmeldung wurde abgebrochen oder abgelehnt (access_denied). Es wurde nichts angemeldet. Klicken Sie auf „Anmelden“, um es erneut zu versuchen.',
      );
      browserIn('ja');
      expect(() => readAuthorizationResponse(answer, pending, metadata)).toThrow(
        'サインインはキャンセルまたは拒否されました（access_denied）。サインインは行われていません。もう一度試すには「サインイン」を押してください。',
      );
    });

    it('says an image was not loaded in the browser’s language', () => {
      expect(() => imageData(new Blob())).toThrow('An image of this conversation was not loaded. Reopen the conversation from History.');
      browserIn('de');
      expect(() => imageData(new Blob())).toThrow('Ein Bild dieser Unterhaltung wurde nicht geladen. Öffnen Sie die Unterhaltung erneut über den Verlauf.');
      browserIn('ja');
      expect(() => imageData(new Blob())).toThrow('この会話の画像が読み込まれていません。履歴から会話を開き直してください。');
    });

    it('gives the notices about stored settings in the browser’s language', () => {
      browserIn('de');
      expect(migrateSettings({}, 9, {}, 1)).toEqual({
        ok: false,
        reason:
          'Ihre Einstellungen wurden von einer neueren Version von omni-ai gespeichert (Format 9) und konnten nicht gelesen werden; die Standardwerte werden verwendet. Sie bleiben unverändert gespeichert: Aktualisieren Sie omni-ai, um sie zurückzubekommen.',
      });
      browserIn('ja');
      // The site a list held is named as stored; only the words around it are Japanese.
      expect(parseStoredSettings({ pageText: { blockedSites: ['not a pattern', 7] } }).notices[0]).toMatch(
        /^「omni-ai が読み取らないサイト」の保存済みの項目の一部を読み取れなかったため削除しました: 「not a pattern」、テキストではない項目。オプション ページで一覧を確認してください。$/,
      );
    });

    it('tells administrators what the policy got wrong in the browser’s language, keys and values verbatim', () => {
      const notices = () => parsePolicy({ defaultProvider: 'openai', allowedProviders: ['anthropic'], pageBudget: 'lots' }).notices;
      browserIn('de');
      expect(notices()).toEqual([
        { key: 'pageBudget', message: 'muss eine ganze Zahl von Zeichen sein, mindestens 1000.' },
        { key: 'defaultProvider', message: 'openai (OpenAI) ist nicht in allowedProviders enthalten und kann daher nicht der Standard sein.' },
      ]);
      browserIn('ja');
      expect(notices()).toEqual([
        { key: 'pageBudget', message: 'は 1000 以上の文字数（整数）である必要があります。' },
        { key: 'defaultProvider', message: 'の openai (OpenAI) は allowedProviders に含まれていないため、既定にできません。' },
      ]);
    });

    it('writes the Markdown export’s own words in the browser’s language', () => {
      const entries = [
        { id: 'u', role: 'user', content: 'Hi', status: 'done' },
        { id: 'a', role: 'assistant', content: 'Partial', status: 'stopped', provider: 'openai', model: 'gpt-5' },
        { id: 'b', role: 'assistant', content: '', status: 'error', provider: 'openai', model: 'gpt-5', error: { kind: 'network', message: 'Offline' } },
      ] as Parameters<typeof toMarkdown>[1];
      browserIn('de');
      expect(toMarkdown('T', entries)).toBe('# T\n\n**Sie**\n\nHi\n\n**OpenAI · gpt-5**\n\nPartial\n\n_(angehalten)_\n\n**OpenAI · gpt-5**\n\n_(fehlgeschlagen: Offline)_\n');
      browserIn('ja');
      expect(toMarkdown('T', entries)).toContain('_（停止）_\n\n**OpenAI · gpt-5**\n\n_（失敗: Offline）_');
    });
  });
});
