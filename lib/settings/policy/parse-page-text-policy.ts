import { t } from '../../i18n/t';
import { parseMatchPattern, type MatchPattern } from '../../page/site-access/match-pattern';
import type { PageRule } from '../../page/site-access/page-text-rules';
import { parseRecipient, type Recipient } from '../../page/site-access/recipient';
import { describeType, isRecord, type Note } from './policy-values';

/**
 * One of the organization's page-text lists, as parsed. `unreadable`: something in it could not be
 * read whose loss would let more text out (a mistyped blocked site, a broken rule, a list that is
 * not a list): omni-ai then sends no page text at all until the policy is fixed, rather than
 * ignore the value as it does for other keys (docs/POLICY.md, "Validation").
 */
export interface PolicyList<T> {
  items: T[];
  unreadable: boolean;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** Said after each value whose loss stops page text (a function: the message is read in the UI language when used). */
const STOPS = () => t('policy_page_stops');

/**
 * A list of strings, each parsed. A bad entry is dropped from a list whose entries only permit
 * (`drop`: fewer sites or recipients, never more) and stops page text in a list that restricts.
 */
function parseList<T>(
  key: string,
  value: unknown,
  note: Note,
  parse: (entry: string) => Parsed<T>,
  what: () => string,
  badEntry: 'drop' | 'stop',
): PolicyList<T> {
  if (!Array.isArray(value)) {
    note(key, t('policy_page_not_list', what(), describeType(value), STOPS()));
    return { items: [], unreadable: true };
  }
  const items: T[] = [];
  let unreadable = false;
  value.forEach((entry, index) => {
    const parsed: Parsed<T> = typeof entry === 'string' ? parse(entry) : { ok: false, message: t('policy_entry_not_text', index + 1, describeType(entry)) };
    if (parsed.ok) {
      items.push(parsed.value);
      return;
    }
    unreadable ||= badEntry === 'stop';
    note(key, `${parsed.message} ${badEntry === 'stop' ? STOPS() : t('policy_entry_ignored')}`);
  });
  return { items, unreadable };
}

const pattern = (entry: string): Parsed<MatchPattern> => {
  const parsed = parseMatchPattern(entry);
  return parsed.ok ? { ok: true, value: parsed.pattern } : parsed;
};

const recipient = (entry: string): Parsed<Recipient> => {
  const parsed = parseRecipient(entry);
  return parsed.ok ? { ok: true, value: parsed.recipient } : parsed;
};

const PATTERNS = () => t('policy_patterns');
const RECIPIENTS = () => t('policy_recipients');

export const parseAllowedSites = (value: unknown, note: Note) => parseList('pageAllowedSites', value, note, pattern, PATTERNS, 'drop');
export const parseBlockedSites = (value: unknown, note: Note) => parseList('pageBlockedSites', value, note, pattern, PATTERNS, 'stop');
export const parseTextProviders = (value: unknown, note: Note) => parseList('pageTextProviders', value, note, recipient, RECIPIENTS, 'drop');

const RULE_FIELDS = new Set(['sites', 'providers', 'action']);

/** One rule, `{ sites, providers, action }`; anything wrong in it makes it unreadable. */
function parseRule(value: unknown, key: string, note: Note): { rule?: PageRule; unreadable: boolean } {
  if (!isRecord(value)) {
    note(key, t('policy_rule_not_object', describeType(value), STOPS()));
    return { unreadable: true };
  }
  for (const field of Object.keys(value))
    if (!RULE_FIELDS.has(field)) note(key, t('policy_rule_unknown_field', field));
  const { action } = value;
  if (action !== 'allow' && action !== 'block') {
    note(`${key}.action`, t('policy_rule_action', STOPS()));
    return { unreadable: true };
  }
  if (value.sites === undefined || (Array.isArray(value.sites) && value.sites.length === 0)) {
    note(`${key}.sites`, t('policy_rule_no_sites', STOPS()));
    return { unreadable: true };
  }
  const sites = parseList(`${key}.sites`, value.sites, note, pattern, PATTERNS, 'stop');
  // No providers: the text of these sites goes to none, whatever the action.
  const recipients = value.providers === undefined ? { items: [], unreadable: false } : parseList(`${key}.providers`, value.providers, note, recipient, RECIPIENTS, 'stop');
  if (sites.unreadable || recipients.unreadable) return { unreadable: true };
  return { rule: { sites: sites.items, recipients: recipients.items.length ? recipients.items : undefined, action }, unreadable: false };
}

export function parsePageRules(value: unknown, note: Note): PolicyList<PageRule> {
  if (!Array.isArray(value)) {
    note('pageRules', t('policy_rules_not_list', describeType(value), STOPS()));
    return { items: [], unreadable: true };
  }
  const items: PageRule[] = [];
  let unreadable = false;
  value.forEach((entry, index) => {
    const parsed = parseRule(entry, `pageRules[${index}]`, note);
    if (parsed.rule) items.push(parsed.rule);
    unreadable ||= parsed.unreadable;
  });
  return { items, unreadable };
}
