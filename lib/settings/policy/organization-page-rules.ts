import type { OrganizationPageRules } from '../../page/site-access/page-text-rules';
import type { Policy } from './types';

const KEYS = ['pageAllowedSites', 'pageBlockedSites', 'pageTextProviders', 'pageRules'] as const;

/** The organization's page-text rules from its parsed policy (docs/POLICY.md, issue 16). */
export function organizationPageRules(policy: Policy): OrganizationPageRules {
  return {
    allowed: policy.pageAllowedSites?.items,
    blocked: policy.pageBlockedSites?.items ?? [],
    recipients: policy.pageTextProviders?.items,
    rules: policy.pageRules?.items ?? [],
    unreadable: KEYS.filter((key) => policy[key]?.unreadable),
  };
}
