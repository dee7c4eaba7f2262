import type { MatchPattern } from '../../page/site-access/match-pattern';
import type { PageRule } from '../../page/site-access/page-text-rules';
import type { Recipient } from '../../page/site-access/recipient';
import type { ProviderId } from '../../providers/catalog';
import type { PromptDefinition, ProviderConfigs } from '../schema';
import type { PolicyList } from './parse-page-text-policy';

/**
 * An administrator's policy for omni-ai, as read from `storage.managed` and validated value by value
 * (parse-policy.ts). Every key is optional; docs/POLICY.md says what each one does and
 * public/managed_schema.json declares them to Chrome. To add a key: add it here, give it a parser in
 * parse-policy.ts (the compiler asks for one), a schema entry (a unit test checks both agree), and
 * apply it in effective-settings.ts.
 */
export interface Policy {
  /** Locks these fields of each provider's settings. Never a secret (parse-provider-policy.ts). */
  providers?: ProviderPolicies;
  /** The providers offered, in catalog order; every other one is hidden and refused. */
  allowedProviders?: ProviderId[];
  /** Selected when the user has not picked a provider, or picked one that is not allowed. */
  defaultProvider?: ProviderId;
  /** The model of `defaultProvider` selected when the user has not chosen one. */
  defaultModel?: string;
  systemPrompt?: string;
  pageBudget?: number;
  /** `false`: no "Add page", no page item in the context menu, and the worker reads no page. */
  allowAddPage?: boolean;
  /** `false`: no "Ask omni-ai" menu at all. */
  allowContextMenu?: boolean;
  /** When set, only pages these cover may be read (issue 16). */
  pageAllowedSites?: PolicyList<MatchPattern>;
  /** Pages these cover are never read; wins over pageAllowedSites. */
  pageBlockedSites?: PolicyList<MatchPattern>;
  /** When set, page text may go only to these recipients. */
  pageTextProviders?: PolicyList<Recipient>;
  /** Per-site narrowing of where page text may go. */
  pageRules?: PolicyList<PageRule>;
  /** The organization's quick-action prompts, offered after the built-in ones, read-only (issue 14). */
  prompts?: PromptDefinition[];
}

export type ProviderPolicies = { [P in ProviderId]?: Partial<ProviderConfigs[P]> };

/** A policy value omni-ai ignored, and why, for the options page. `key` is its path, e.g. `providers.bedrock.region`. */
export interface PolicyNotice {
  key: string;
  message: string;
}

export interface ParsedPolicy {
  policy: Policy;
  notices: PolicyNotice[];
}

export const NO_POLICY: ParsedPolicy = Object.freeze({ policy: Object.freeze({}), notices: [] }) as ParsedPolicy;
