/**
 * A language tag as words a model reads in an English request: `de` → "German", `pt-BR` →
 * "Portuguese (Brazil)". Anything that is not a tag Intl knows ("Français", "plain English") is
 * taken as written.
 */
export function languageName(tagOrName: string): string {
  const text = tagOrName.trim();
  try {
    return new Intl.DisplayNames(['en'], { type: 'language', languageDisplay: 'standard', fallback: 'none' }).of(text) ?? text;
  } catch {
    return text; // not a well-formed tag (RangeError): a name the user wrote
  }
}

/**
 * What `{{language}}` says: the user's setting when there is one, else the browser's UI language
 * (`i18n.getUILanguage()`, which follows the browser's, not the page's, language).
 */
export function promptLanguage(setting: string, uiLanguage: string): string {
  return languageName(setting.trim() || uiLanguage || 'en');
}
