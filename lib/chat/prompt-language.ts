/**
 * A language tag as words in the language of omni-ai's messages (`inLanguage`, the `_locales` the
 * browser picked): `de` → "German" in English, "Deutsch" in German, "ドイツ語" in Japanese;
 * `pt-BR` → "Portuguese (Brazil)". The built-in quick actions' templates are in that language too,
 * so the name reads as part of the sentence. Anything that is not a tag Intl knows ("Français",
 * "plain English") is taken as written.
 */
export function languageName(tagOrName: string, inLanguage = 'en'): string {
  const text = tagOrName.trim();
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language', languageDisplay: 'standard', fallback: 'none' }).of(text) ?? text;
  } catch {
    return text; // not a well-formed tag (RangeError): a name the user wrote
  }
}

/**
 * What `{{language}}` says: the user's setting when there is one, else the browser's UI language
 * (`i18n.getUILanguage()`, which follows the browser's, not the page's, language), named in the
 * language of the messages (`inLanguage`).
 */
export function promptLanguage(setting: string, uiLanguage: string, inLanguage = 'en'): string {
  return languageName(setting.trim() || uiLanguage || 'en', inLanguage);
}
