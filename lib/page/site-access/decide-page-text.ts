import { pageAddress, type PageAddress } from './page-address';
import { patternMatches, type MatchPattern, type PatternPurpose } from './match-pattern';
import type { PageTextRules, SiteLists } from './page-text-rules';
import { describeRecipient, describeTarget, recipientMatches, type Recipient, type RequestTarget } from './recipient';
import { t } from '../../i18n/t';

/** Who refused: the organization's policy, the user's own lists, or the browser (pages no one may read). */
export type Decider = 'organization' | 'you' | 'browser';

export type PageTextDecision =
  | { allowed: true }
  | {
      allowed: false;
      by: Decider;
      /** The site refused (host[:port]), when a site is the reason. */
      site?: string;
      /** Why, in a sentence: the caller adds what the user can do where they are. */
      message: string;
    };

export interface PageTextRequest {
  /**
   * Every document the text comes from: the page, and its top page when the text is in a frame.
   * Each must pass: a frame of an allowed site inside a blocked page is refused.
   */
  readFrom: readonly string[];
  /** Where the text would go. */
  to: RequestTarget;
}

type Refusal = Extract<PageTextDecision, { allowed: false }>;

const ALLOWED: PageTextDecision = Object.freeze({ allowed: true });

const anyMatches = (patterns: readonly MatchPattern[], address: PageAddress, purpose: PatternPurpose) =>
  patterns.some((pattern) => patternMatches(pattern, address, purpose));

const listOf = (recipients: readonly Recipient[]) => recipients.map(describeRecipient).join(', ');

/** Steps 2 and 3 for one list's owner: blocked first, then outside the allowed sites. */
function siteRefusal(lists: SiteLists, address: PageAddress, by: 'organization' | 'you'): Refusal | undefined {
  const { site } = address;
  if (anyMatches(lists.blocked, address, 'restrict'))
    return {
      allowed: false,
      by,
      site,
      message:
        by === 'organization'
          ? t('site_org_blocked', site)
          : t('site_you_blocked', site),
    };
  if (lists.allowed && !anyMatches(lists.allowed, address, 'permit'))
    return {
      allowed: false,
      by,
      site,
      message:
        by === 'organization'
          ? t('site_org_not_allowed', site)
          : t('site_you_not_allowed', site),
    };
  return undefined;
}

/**
 * Whether the organization lets any page text go to `to` at all, before a page is known: rules
 * that could not be read, and pageTextProviders. "Add page" and the page items of the menu are
 * disabled with this reason; decidePageText checks it again with the page.
 */
export function recipientRefusal(to: RequestTarget, rules: PageTextRules): Refusal | undefined {
  const { organization } = rules;
  if (organization.unreadable.length)
    return {
      allowed: false,
      by: 'organization',
      message: t('rules_unreadable', organization.unreadable.join(', ')),
    };
  if (organization.recipients && !organization.recipients.some((r) => recipientMatches(r, to)))
    return {
      allowed: false,
      by: 'organization',
      message: organization.recipients.length
        ? t('recipient_only', describeTarget(to), listOf(organization.recipients))
        : t('recipient_none'),
    };
  return undefined;
}

/**
 * The one decision on "may this text from these pages go to this provider", in the order of
 * docs/POLICY.md: readable pages only; blocked sites (organization, then the user); allowed sites
 * (organization, then the user); the organization's recipients; then every per-site rule that
 * applies. The worker asks it before a content script is asked for anything, and again before a
 * message with page text is sent. Pure: the same answer in every context, for the same input.
 */
export function decidePageText(request: PageTextRequest, rules: PageTextRules): PageTextDecision {
  const addresses: PageAddress[] = [];
  for (const url of request.readFrom) {
    const parsed = pageAddress(url);
    if (!parsed.ok) return { allowed: false, by: 'browser', message: parsed.message };
    addresses.push(parsed.address);
  }
  if (addresses.length === 0) return { allowed: false, by: 'browser', message: 'omni-ai cannot tell which page this text comes from, so it does not send it.' };

  for (const address of addresses) {
    const refused = siteRefusal(rules.organization, address, 'organization') ?? siteRefusal(rules.you, address, 'you');
    if (refused) return refused;
  }

  const { to } = request;
  const recipient = recipientRefusal(to, rules);
  if (recipient) return recipient;

  for (const rule of rules.organization.rules)
    for (const address of addresses) {
      if (!anyMatches(rule.sites, address, 'restrict')) continue;
      const named = (rule.recipients ?? []).some((r) => recipientMatches(r, to));
      if (rule.action === 'allow' && !named)
        return {
          allowed: false,
          by: 'organization',
          site: address.site,
          message: rule.recipients?.length
            ? t('rule_only_to', address.site, listOf(rule.recipients), describeTarget(to))
            : t('rule_to_none', address.site),
        };
      if (rule.action === 'block' && (named || !rule.recipients))
        return {
          allowed: false,
          by: 'organization',
          site: address.site,
          message: rule.recipients
            ? t('rule_not_to', address.site, describeTarget(to))
            : t('rule_to_none', address.site),
        };
    }
  return ALLOWED;
}
