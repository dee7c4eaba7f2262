import { describe, expect, it } from 'vitest';
import { formatUsage } from '@/lib/chat/format-usage';
import { regenerateChoices } from '@/lib/chat/regenerate-choices';
import { effectiveSettings } from '@/lib/settings/effective-settings';
import { defaultSettings } from '@/lib/settings/parse-stored';

describe('formatUsage', () => {
  it('shows what the provider reported, and nothing when it reported nothing', () => {
    expect(formatUsage({ inputTokens: 1234, outputTokens: 56 })).toBe('1,234 in · 56 out tokens');
    expect(formatUsage({ outputTokens: 7 })).toBe('7 out tokens');
    expect(formatUsage({})).toBeUndefined();
    expect(formatUsage(undefined)).toBeUndefined();
  });
});

describe('regenerateChoices', () => {
  const user = defaultSettings();
  user.provider = 'openai';
  user.providers.openai.apiKey = 'sk';
  user.providers.anthropic.apiKey = 'sk-ant';
  user.providers['openai-compatible'].models = ['llama3.3'];

  it('offers the models of every provider that is set up, the selected one first, by name', () => {
    const live = { openai: [{ id: 'gpt-5.5', name: 'GPT-5.5' }, { id: 'gpt-4.1', name: 'GPT-4.1' }] };
    const groups = regenerateChoices(effectiveSettings(user, {}), live);
    expect(groups.map((g) => g.label)).toEqual(['OpenAI', 'Anthropic', 'OpenAI-compatible']);
    expect(groups[0]!.choices).toEqual([
      { provider: 'openai', model: 'gpt-5.5', name: 'GPT-5.5' },
      { provider: 'openai', model: 'gpt-4.1', name: 'GPT-4.1' },
    ]);
    // A curated list is named as the header's picker names it.
    expect(groups[1]!.choices[0]).toEqual({ provider: 'anthropic', model: 'claude-sonnet-5-5', name: 'Claude Sonnet 5.5' });
  });

  it('never offers a provider the organization hides', () => {
    const groups = regenerateChoices(effectiveSettings(user, { allowedProviders: ['openai'] }), {});
    expect(groups.map((g) => g.provider)).toEqual(['openai']);
  });
});
