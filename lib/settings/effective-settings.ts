import { PROVIDER_IDS, type ProviderId } from '../providers/catalog';
import type { OrganizationPageRules } from '../page/site-access/page-text-rules';
import { organizationPageRules } from './policy/organization-page-rules';
import type { Policy } from './policy/types';
import type { PromptDefinition, ProviderConfigs, SettingsData } from './schema';

/** What the administrator's policy set, so the options page shows it read-only. */
export interface LockedFields {
  systemPrompt: boolean;
  pageBudget: boolean;
  /** Per provider, the keys of the settings fields that policy sets. */
  providers: Partial<Record<ProviderId, readonly string[]>>;
}

/** The settings every context uses: the user's own, with the policy's values on top. */
export interface EffectiveSettings extends SettingsData {
  /** The providers offered, in catalog order; the rest are hidden everywhere and refused by the worker. */
  allowedProviders: readonly ProviderId[];
  allowAddPage: boolean;
  allowContextMenu: boolean;
  /** The organization's rules for page text; the user's own lists are in `pageText`. */
  pageTextPolicy: OrganizationPageRules;
  /** The organization's quick-action prompts, offered read-only after the built-in ones. */
  organizationPrompts: readonly PromptDefinition[];
  locked: LockedFields;
}

/** The user's provider unless it is hidden, or nobody picked it and the policy names a default. */
function effectiveProvider(user: SettingsData, policy: Policy, allowed: readonly ProviderId[]): ProviderId {
  const fallback = policy.defaultProvider && allowed.includes(policy.defaultProvider) ? policy.defaultProvider : undefined;
  if (allowed.includes(user.provider) && (user.providerChosen || !fallback)) return user.provider;
  return fallback ?? allowed[0]!;
}

/** The user's model choices, with the policy's default model where the user has none that is offered. */
function effectiveModels(user: SettingsData, policy: Policy): SettingsData['selectedModels'] {
  const { defaultProvider, defaultModel } = policy;
  if (!defaultProvider || !defaultModel) return user.selectedModels;
  const chosen = user.selectedModels[defaultProvider];
  const lockedModels = (policy.providers?.[defaultProvider] as { models?: string[] } | undefined)?.models;
  if (chosen !== undefined && (!lockedModels || lockedModels.includes(chosen))) return user.selectedModels;
  return { ...user.selectedModels, [defaultProvider]: defaultModel };
}

/**
 * The one place where policy meets the user's settings: policy wins, field by field. Pure; the
 * worker (load-settings.ts) and the pages (use-effective-settings.ts) both call it. What policy sets
 * is reported in `locked` and never written back: the user's own values stay in storage.local
 * underneath, and come back when the policy is lifted.
 */
export function effectiveSettings(user: SettingsData, policy: Policy): EffectiveSettings {
  const allowed = policy.allowedProviders?.length ? policy.allowedProviders : PROVIDER_IDS;
  const providers = { ...user.providers } as Record<ProviderId, unknown>;
  const lockedProviders: LockedFields['providers'] = {};
  for (const [id, fields] of Object.entries(policy.providers ?? {}) as [ProviderId, object][]) {
    providers[id] = { ...user.providers[id], ...fields };
    lockedProviders[id] = Object.keys(fields);
  }
  return {
    ...user,
    provider: effectiveProvider(user, policy, allowed),
    selectedModels: effectiveModels(user, policy),
    providers: providers as ProviderConfigs,
    systemPrompt: policy.systemPrompt ?? user.systemPrompt,
    pageBudget: policy.pageBudget ?? user.pageBudget,
    allowedProviders: allowed,
    allowAddPage: policy.allowAddPage ?? true,
    allowContextMenu: policy.allowContextMenu ?? true,
    pageTextPolicy: organizationPageRules(policy),
    organizationPrompts: policy.prompts ?? [],
    locked: {
      systemPrompt: policy.systemPrompt !== undefined,
      pageBudget: policy.pageBudget !== undefined,
      providers: lockedProviders,
    },
  };
}
