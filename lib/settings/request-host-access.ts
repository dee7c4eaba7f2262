import { browser } from 'wxt/browser';

/**
 * Asks for the optional host permissions a saved config needs. Must be called synchronously inside
 * the click that saves (a permission prompt needs a user gesture), before anything is awaited.
 * Resolves to the patterns that were not granted (empty when all were).
 */
export function requestHostAccess(patterns: string[]): Promise<string[]> {
  if (patterns.length === 0) return Promise.resolve([]);
  return browser.permissions.request({ origins: patterns }).then(
    (granted) => (granted ? [] : patterns),
    () => patterns,
  );
}
