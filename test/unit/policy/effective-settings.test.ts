import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '@/lib/providers/catalog';
import { effectiveSettings } from '@/lib/settings/effective-settings';
import { withUserValuesForLocked } from '@/lib/settings/effective-user-values';
import { defaultSettings } from '@/lib/settings/parse-stored';
import type { SettingsData } from '@/lib/settings/schema';

/** A user who set up Azure and OpenAI themselves and picked Azure. */
function user(change: Partial<SettingsData> = {}): SettingsData {
  const settings = defaultSettings();
  settings.provider = 'azure-openai';
  settings.providerChosen = true;
  settings.providers['azure-openai'] = {
    ...settings.providers['azure-openai'],
    endpoint: 'https://mine.openai.azure.com',
    models: ['my-deployment'],
    clientId: 'my-client',
    clientSecret: 'my-secret',
    tokenEndpoint: 'https://login.example.com/token',
  };
  settings.providers.openai.apiKey = 'sk-mine';
  settings.systemPrompt = 'Mine.';
  settings.pageBudget = 8000;
  return { ...settings, ...change };
}

describe('effectiveSettings: policy over the user, field by field', () => {
  it('is the user’s settings, unlocked and with every provider, when there is no policy', () => {
    const mine = user();
    const effective = effectiveSettings(mine, {});
    expect(effective).toMatchObject(mine);
    expect(effective.allowedProviders).toEqual(PROVIDER_IDS);
    expect(effective).toMatchObject({ allowAddPage: true, allowContextMenu: true });
    expect(effective.locked).toEqual({ systemPrompt: false, pageBudget: false, providers: {} });
  });

  it('replaces exactly the fields policy sets, keeps every other one, and reports what it locked', () => {
    const mine = user();
    const effective = effectiveSettings(mine, {
      providers: { 'azure-openai': { endpoint: 'https://contoso.openai.azure.com', models: ['gpt-4o'] } },
      systemPrompt: 'Company prompt.',
    });
    expect(effective.providers['azure-openai']).toEqual({
      ...mine.providers['azure-openai'],
      endpoint: 'https://contoso.openai.azure.com',
      models: ['gpt-4o'],
    });
    // The user's secret and other providers are theirs.
    expect(effective.providers['azure-openai'].clientSecret).toBe('my-secret');
    expect(effective.providers.openai).toBe(mine.providers.openai);
    expect(effective.systemPrompt).toBe('Company prompt.');
    expect(effective.pageBudget).toBe(8000);
    expect(effective.locked).toEqual({ systemPrompt: true, pageBudget: false, providers: { 'azure-openai': ['endpoint', 'models'] } });
  });

  it('never changes the user’s settings it is given', () => {
    const mine = user();
    const before = structuredClone(mine);
    effectiveSettings(mine, { providers: { 'azure-openai': { endpoint: 'https://x.example.com' } }, pageBudget: 1000, defaultProvider: 'bedrock', defaultModel: 'm' });
    expect(mine).toEqual(before);
  });

  it('locks the page budget and turns features off', () => {
    const effective = effectiveSettings(user(), { pageBudget: 2000, allowAddPage: false, allowContextMenu: false });
    expect(effective).toMatchObject({ pageBudget: 2000, allowAddPage: false, allowContextMenu: false });
    expect(effective.locked.pageBudget).toBe(true);
  });
});

describe('effectiveSettings: hidden providers and defaults', () => {
  it('offers only the allowed providers, and keeps the user’s choice when it is one of them', () => {
    const effective = effectiveSettings(user(), { allowedProviders: ['azure-openai', 'bedrock'], defaultProvider: 'bedrock' });
    expect(effective.allowedProviders).toEqual(['azure-openai', 'bedrock']);
    expect(effective.provider).toBe('azure-openai');
  });

  it('replaces a hidden choice by the default provider, or by the first allowed one without a default', () => {
    const mine = user({ provider: 'openai' });
    expect(effectiveSettings(mine, { allowedProviders: ['azure-openai', 'vertex'], defaultProvider: 'vertex' }).provider).toBe('vertex');
    expect(effectiveSettings(mine, { allowedProviders: ['vertex', 'azure-openai'] }).provider).toBe('vertex');
  });

  it('applies the default provider to a user who never picked one, and not to one who did', () => {
    const fresh = defaultSettings(); // Anthropic, by the built-in default
    expect(effectiveSettings(fresh, { defaultProvider: 'bedrock' }).provider).toBe('bedrock');
    expect(effectiveSettings({ ...fresh, providerChosen: true }, { defaultProvider: 'bedrock' }).provider).toBe('anthropic');
  });

  it('selects the default model for a user who has not chosen one of that provider’s models', () => {
    const policy = { defaultProvider: 'bedrock' as const, defaultModel: 'eu.anthropic.claude-sonnet-4-5' };
    expect(effectiveSettings(defaultSettings(), policy).selectedModels.bedrock).toBe('eu.anthropic.claude-sonnet-4-5');
    const chose = { ...defaultSettings(), selectedModels: { bedrock: 'us.amazon.nova-pro-v1:0' } };
    expect(effectiveSettings(chose, policy).selectedModels.bedrock).toBe('us.amazon.nova-pro-v1:0');
  });

  it('replaces a chosen model the policy no longer offers by the default model', () => {
    const chose = { ...defaultSettings(), selectedModels: { 'azure-openai': 'my-deployment' } };
    const effective = effectiveSettings(chose, {
      defaultProvider: 'azure-openai',
      defaultModel: 'gpt-4o',
      providers: { 'azure-openai': { models: ['gpt-4o', 'gpt-4o-mini'] } },
    });
    expect(effective.selectedModels['azure-openai']).toBe('gpt-4o');
  });
});

describe('withUserValuesForLocked: what the options page saves', () => {
  it('stores the user’s own value under every locked field and the edits everywhere else', () => {
    const stored = user().providers['azure-openai'];
    const edited = { ...stored, endpoint: 'https://contoso.openai.azure.com', clientSecret: 'new-secret' };
    expect(withUserValuesForLocked(edited, stored, ['endpoint'])).toEqual({ ...stored, clientSecret: 'new-secret' });
  });
});
