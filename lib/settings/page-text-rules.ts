import type { RequestTarget } from '../page/site-access/recipient';
import type { PageTextRules } from '../page/site-access/page-text-rules';
import { parseSiteList } from '../page/site-access/parse-site-list';
import type { ProviderId } from '../providers/catalog';
import { endpointOrigin } from '../providers/endpoint-origin';
import type { EffectiveSettings } from './effective-settings';
import type { SettingsData } from './schema';

/**
 * The rules page text is checked against: the organization's (from its policy) and the user's own
 * lists. An empty list of the user's allowed sites means the user has not narrowed anything.
 */
export function pageTextRules(settings: EffectiveSettings): PageTextRules {
  const allowed = parseSiteList(settings.pageText.allowedSites).patterns;
  return {
    organization: settings.pageTextPolicy,
    you: { allowed: allowed.length ? allowed : undefined, blocked: parseSiteList(settings.pageText.blockedSites).patterns },
  };
}

/** Where a request to `provider` would send page text with these settings. */
export function requestTarget(provider: ProviderId, settings: SettingsData): RequestTarget {
  return { provider, endpoint: endpointOrigin(provider, settings.providers) };
}
