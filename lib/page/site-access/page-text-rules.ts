import type { MatchPattern } from './match-pattern';
import type { Recipient } from './recipient';

/** Two lists of sites: when `allowed` is set, only pages it covers may be read; `blocked` never. */
export interface SiteLists {
  allowed?: readonly MatchPattern[];
  blocked: readonly MatchPattern[];
}

/**
 * A per-site rule: text from `sites` may go only to `recipients` ("allow"), or never to them
 * ("block"; with no recipients, to none).
 */
export interface PageRule {
  sites: readonly MatchPattern[];
  recipients?: readonly Recipient[];
  action: 'allow' | 'block';
}

/** The organization's rules for page text (policy keys pageAllowedSites … pageRules). */
export interface OrganizationPageRules extends SiteLists {
  /** pageTextProviders: when set, page text may go only to these. */
  recipients?: readonly Recipient[];
  rules: readonly PageRule[];
  /**
   * The policy keys that held something omni-ai could not read and that could have narrowed what
   * may be read or where it may go. Page text is then refused everywhere until the policy is fixed:
   * ignoring a blocked site that was mistyped would let that site's text out (fail closed).
   */
  unreadable: readonly string[];
}

/** Every rule a page and a request are checked against: the organization's, then the user's own lists. */
export interface PageTextRules {
  organization: OrganizationPageRules;
  you: SiteLists;
}

export const NO_PAGE_TEXT_RULES: PageTextRules = Object.freeze({
  organization: Object.freeze({ blocked: [], rules: [], unreadable: [] }),
  you: Object.freeze({ blocked: [] }),
});
