import { recipientRefusal } from '../page/site-access/decide-page-text';
import { pageTextRules, requestTarget } from './page-text-rules';
import { useEffectiveSettings } from './use-effective-settings';

/**
 * Why no page text may go to the selected provider at all, or undefined: "Add page" is disabled
 * with this reason, following the provider and the policy live. The worker decides again, with
 * the page, whatever the panel shows.
 */
export function usePageTextRefusal(): string | undefined {
  const settings = useEffectiveSettings();
  return recipientRefusal(requestTarget(settings.provider, settings), pageTextRules(settings))?.message;
}
