import { t } from '../../i18n/t';
/** The placeholders a prompt's template may use, in the order the options page lists them. */
export const PLACEHOLDERS = ['selection', 'page', 'url', 'title', 'language'] as const;

export type Placeholder = (typeof PLACEHOLDERS)[number];

/**
 * `{{name}}`, spaces inside the braces allowed. One pattern for finding and for filling, so what the
 * editor accepts is exactly what gets filled.
 */
export const PLACEHOLDER_PATTERN = /\{\{\s*([A-Za-z_]+)\s*\}\}/g;

export const isPlaceholder = (name: string): name is Placeholder => (PLACEHOLDERS as readonly string[]).includes(name);

/** The placeholders a template uses, known or not, each once, in order of first use. */
export function placeholdersIn(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1]!))];
}

/** `{{a}}, {{b}} or {{c}}`: how the editor and notices name placeholders. */
export function listPlaceholders(names: readonly string[]): string {
  const quoted = names.map((n) => `{{${n}}}`);
  return quoted.length > 1 ? t('list_or', quoted.slice(0, -1).join(t('list_separator')), quoted.at(-1)!) : (quoted[0] ?? '');
}
