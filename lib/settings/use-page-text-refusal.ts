import { recipientRefusal } from '../page/site-access/decide-page-text';
import { pageTextRules, requestTarget } from './page-text-rules';
import { useSettings } from './store';

/**
 * Why no page text may go to the selected provider at all, or undefined: "Add page" is disabled
 * with this reason. The worker decides again, with the page, whatever the panel shows.
 */
export function usePageTextRefusal(): string | undefined {
  return useSettings((settings) => recipientRefusal(requestTarget(settings.provider, settings), pageTextRules(settings))?.message);
}
