import { PLACEHOLDER_PATTERN, isPlaceholder, type Placeholder } from '../settings/prompts/placeholders';

/**
 * Fills a prompt's template in one pass: a value is never scanned again, so a value that contains
 * `{{page}}` stays as written. A placeholder omni-ai does not know, or has no value for, is left as
 * written (the editor refuses unknown ones; a template stored by a newer version may have one).
 */
export function fillTemplate(template: string, values: Partial<Record<Placeholder, string>>): string {
  return template.replace(PLACEHOLDER_PATTERN, (whole, name: string) => (isPlaceholder(name) ? (values[name] ?? whole) : whole));
}
