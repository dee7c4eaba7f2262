import { t } from '../i18n/t';
import { PROVIDER_IDS, PROVIDERS, isProviderId, type ProviderId } from '../providers/catalog';
import type { FieldSpec, ProviderForm } from './field-spec';
import { PROVIDER_FORMS, defaultProviderConfigs } from './provider-forms';
import { DEFAULT_PAGE_BUDGET } from '../page/truncate';
import { parseMatchPattern } from '../page/site-access/match-pattern';
import { noPromptChanges, parseStoredPrompts } from './prompts/parse-stored-prompts';
import type { PageTextSettings, ProviderConfigs, SettingsData } from './schema';

export const MIN_PAGE_BUDGET = 1000;

export function defaultSettings(): SettingsData {
  return {
    provider: 'anthropic',
    providerChosen: false,
    selectedModels: {},
    providers: defaultProviderConfigs(),
    systemPrompt: '',
    pageBudget: DEFAULT_PAGE_BUDGET,
    pageText: { allowedSites: [], blockedSites: [], keepLog: false },
    prompts: noPromptChanges(),
    promptLanguage: '',
    notices: [],
  };
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldValueIsValid<C>(field: FieldSpec<C>, value: unknown): boolean {
  switch (field.kind) {
    case 'list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string');
    case 'headers':
      return isRecord(value) && Object.values(value).every((item) => typeof item === 'string');
    case 'select':
      return typeof value === 'string' && (field.options ?? []).some((o) => o.value === value);
    case 'checkbox':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
}

/** Keeps each stored field that has the right type; a missing one takes its default silently. */
function parseConfig<C>(form: ProviderForm<C>, stored: unknown): { config: C; reset: string[] } {
  const config = structuredClone(form.defaults) as Record<string, unknown>;
  if (stored === undefined) return { config: config as C, reset: [] };
  if (!isRecord(stored)) return { config: config as C, reset: [t('settings_all_fields')] };
  const reset: string[] = [];
  for (const field of form.fields) {
    const value = stored[field.key];
    if (value === undefined) continue;
    if (fieldValueIsValid(field, value)) config[field.key] = value;
    else reset.push(field.label);
  }
  return { config: config as C, reset };
}

/** The user's site lists, each entry kept only if it is still a valid pattern (each removal named). */
function parsePageText(stored: unknown, notices: string[]): PageTextSettings {
  const parsed = defaultSettings().pageText;
  if (!isRecord(stored)) return parsed;
  const lists = [
    ['allowedSites', t('sites_allowed')],
    ['blockedSites', t('sites_blocked')],
  ] as const;
  for (const [key, label] of lists) {
    const entries = stored[key];
    if (!Array.isArray(entries)) continue;
    const kept = entries.filter((entry): entry is string => typeof entry === 'string' && parseMatchPattern(entry).ok);
    const removed = entries.filter((entry) => !kept.includes(entry as string));
    parsed[key] = kept;
    if (removed.length)
      notices.push(
        t(
          'settings_entries_removed',
          label,
          removed.map((e) => (typeof e === 'string' ? t('settings_entry_quoted', e) : t('settings_entry_not_text'))).join(t('list_separator')),
        ),
      );
  }
  if (typeof stored.keepLog === 'boolean') parsed.keepLog = stored.keepLog;
  return parsed;
}

/**
 * Reads stored settings of the current version, keeping everything that is valid and resetting only
 * what is not, each reset named in a notice. A user whose Azure endpoint got corrupted keeps their
 * Anthropic key. Anything at all (a string, null, an array) gives a usable result.
 */
export function parseStoredSettings(stored: unknown): SettingsData {
  const settings = defaultSettings();
  if (stored === undefined || stored === null) return settings;
  if (!isRecord(stored)) {
    settings.notices.push(t('settings_unreadable'));
    return settings;
  }
  const notices = Array.isArray(stored.notices) ? stored.notices.filter((n) => typeof n === 'string') : [];

  if (isProviderId(stored.provider)) settings.provider = stored.provider;
  else if (stored.provider !== undefined)
    notices.push(t('settings_provider_unknown', PROVIDERS[settings.provider].label));
  // Stored before providerChosen existed: a provider other than the built-in default was picked.
  settings.providerChosen =
    typeof stored.providerChosen === 'boolean' ? stored.providerChosen : settings.provider !== defaultSettings().provider;

  if (isRecord(stored.selectedModels))
    for (const [provider, model] of Object.entries(stored.selectedModels))
      if (isProviderId(provider) && typeof model === 'string') settings.selectedModels[provider] = model;

  if (typeof stored.systemPrompt === 'string') settings.systemPrompt = stored.systemPrompt;
  if (typeof stored.pageBudget === 'number' && stored.pageBudget >= MIN_PAGE_BUDGET) settings.pageBudget = stored.pageBudget;
  settings.pageText = parsePageText(stored.pageText, notices);

  const { prompts, notices: promptNotices } = parseStoredPrompts(stored.prompts);
  settings.prompts = prompts;
  notices.push(...promptNotices);
  if (typeof stored.promptLanguage === 'string') settings.promptLanguage = stored.promptLanguage;

  const storedProviders = isRecord(stored.providers) ? stored.providers : {};
  for (const id of PROVIDER_IDS) {
    const { config, reset } = parseConfig(PROVIDER_FORMS[id] as ProviderForm<unknown>, storedProviders[id]);
    (settings.providers as Record<ProviderId, unknown>)[id] = config as ProviderConfigs[typeof id];
    if (reset.length)
      notices.push(t('settings_provider_reset', PROVIDERS[id].label, reset.join(t('list_separator'))));
  }
  settings.notices = notices;
  return settings;
}
