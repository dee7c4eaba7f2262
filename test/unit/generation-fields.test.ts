import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '@/lib/providers/catalog';
import { toDraft } from '@/lib/settings/draft';
import { parseStoredSettings } from '@/lib/settings/parse-stored';
import { parsePolicy } from '@/lib/settings/policy/parse-policy';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { validateDraft } from '@/lib/settings/validate';

describe('generation settings in the provider forms', () => {
  it('every provider has a temperature and an output limit, defaulting to 0.7 and 4096; Bedrock alone has no reasoning effort; a context size where model names may not say', () => {
    const expected: Record<string, string[]> = {
      openai: ['temperature', 'maxOutputTokens', 'reasoningEffort'],
      anthropic: ['temperature', 'maxOutputTokens', 'reasoningEffort'],
      vertex: ['temperature', 'maxOutputTokens', 'reasoningEffort'],
      'azure-openai': ['temperature', 'maxOutputTokens', 'reasoningEffort', 'contextTokens'],
      'openai-compatible': ['temperature', 'maxOutputTokens', 'reasoningEffort', 'contextTokens'],
      bedrock: ['temperature', 'maxOutputTokens', 'contextTokens'],
    };
    for (const id of PROVIDER_IDS) {
      const keys = PROVIDER_FORMS[id].fields.filter((f) => f.section === 'Generation').map((f) => f.key);
      expect(keys, id).toEqual(expected[id]);
      expect(PROVIDER_FORMS[id].defaults, id).toMatchObject({ temperature: '0.7', maxOutputTokens: '4096' });
    }
  });

  it('names each wrong value by its field, in each provider’s range', () => {
    const anthropic = { ...toDraft(PROVIDER_FORMS.anthropic, PROVIDER_FORMS.anthropic.defaults), apiKey: 'k' };
    expect(validateDraft(PROVIDER_FORMS.anthropic, { ...anthropic, temperature: '1.5', maxOutputTokens: '' })).toEqual({
      temperature: 'Temperature must be a number from 0 to 1 (or empty, to use the model’s own).',
      maxOutputTokens: 'Maximum output tokens is required.',
    });
    const openai = { ...toDraft(PROVIDER_FORMS.openai, PROVIDER_FORMS.openai.defaults), apiKey: 'k' };
    expect(validateDraft(PROVIDER_FORMS.openai, { ...openai, temperature: '1.5', maxOutputTokens: '' })).toEqual({});
    expect(validateDraft(PROVIDER_FORMS.openai, { ...openai, temperature: 'warm', maxOutputTokens: '4k', reasoningEffort: 'extreme' })).toEqual({
      temperature: 'Temperature must be a number from 0 to 2 (or empty, to use the model’s own).',
      maxOutputTokens: 'Maximum output tokens must be a whole number of tokens, such as 4096.',
      reasoningEffort: 'Reasoning effort has an unknown value.',
    });
  });

  it('fills the defaults into settings stored before the fields existed, and keeps a cleared field cleared', () => {
    const settings = parseStoredSettings({ provider: 'openai', providers: { openai: { apiKey: 'k', baseURL: '', temperature: '' } } });
    expect(settings.providers.openai).toEqual({ apiKey: 'k', baseURL: '', temperature: '', maxOutputTokens: '4096', reasoningEffort: '' });
    expect(settings.notices).toEqual([]);
  });

  it('lets an administrator lock them with JSON numbers, each checked as the form checks it', () => {
    const { policy, notices } = parsePolicy({
      providers: {
        openai: { temperature: 0.2, maxOutputTokens: 2000, reasoningEffort: 'low' },
        anthropic: { temperature: '0.5', maxOutputTokens: 1.5 },
        bedrock: { temperature: 3 },
      },
    });
    expect(policy.providers).toEqual({ openai: { temperature: '0.2', maxOutputTokens: '2000', reasoningEffort: 'low' } });
    expect(notices).toEqual([
      { key: 'providers.anthropic.temperature', message: 'must be a number (it is a string).' },
      { key: 'providers.anthropic.maxOutputTokens', message: 'Maximum output tokens must be a whole number of tokens, such as 4096.' },
      { key: 'providers.bedrock.temperature', message: 'Temperature must be a number from 0 to 1 (or empty, to use the model’s own).' },
    ]);
  });
});
