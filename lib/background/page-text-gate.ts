import { decidePageText, type PageTextDecision } from '../page/site-access/decide-page-text';
import type { EffectiveSettings } from '../settings/effective-settings';
import { pageTextRules, requestTarget } from '../settings/page-text-rules';

/** What the worker needs before it reads anything from a page: the budget, and the site rules' verdict. */
export interface PageTextGate {
  /** The settings the gate was set up with (the organization's policy applied). */
  settings: EffectiveSettings;
  budget: number;
  /** decidePageText for these documents, to the provider selected now. */
  check: (readFrom: readonly string[]) => PageTextDecision;
}

/**
 * The gate every page read goes through ("Add page", "Ask omni-ai" on a page, a selection or a
 * link, its quick actions, and whatever reads pages later), set up from `settings`, read at the
 * moment of the request: a policy or a provider changed a moment ago applies (issue 16).
 */
export function pageTextGate(settings: EffectiveSettings): PageTextGate {
  const rules = pageTextRules(settings);
  const to = requestTarget(settings.provider, settings);
  return { settings, budget: settings.pageBudget, check: (readFrom) => decidePageText({ readFrom, to }, rules) };
}

/** A refusal as the side panel shows it: why, and that the question can still go without the page. */
export function refusalMessage(decision: Extract<PageTextDecision, { allowed: false }>): string {
  return decision.by === 'browser' ? decision.message : `${decision.message} You can still ask your question without it.`;
}
