import { describe, expect, it } from 'vitest';
import { contextTokens, DEFAULT_CONTEXT_TOKENS } from '@/lib/providers/context-sizes';
import { contextSizeFor } from '@/lib/settings/context-size';
import { toDraft } from '@/lib/settings/draft';
import { effectiveSettings } from '@/lib/settings/effective-settings';
import { parseStoredSettings } from '@/lib/settings/parse-stored';
import { parsePolicy } from '@/lib/settings/policy/parse-policy';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { validateDraft } from '@/lib/settings/validate';

describe('the "Context size" field (OpenAI-compatible, Azure OpenAI, Bedrock)', () => {
  it('is empty by default, so the size comes from the model’s name, also for settings stored before the field existed', () => {
    const settings = parseStoredSettings({
      provider: 'openai-compatible',
      providers: { 'openai-compatible': { baseURL: 'http://localhost:11434/v1', apiKey: '', headers: {}, models: ['llama3'] } },
    });
    expect(settings.providers['openai-compatible'].contextTokens).toBe('');
    expect(settings.notices).toEqual([]);
    expect(contextSizeFor(settings.providers, 'openai-compatible', 'llama3')).toBe(DEFAULT_CONTEXT_TOKENS);
    expect(contextSizeFor(settings.providers, 'azure-openai', 'prod-gpt-4o')).toBe(128_000);
    expect(contextSizeFor(settings.providers, 'anthropic', 'claude-sonnet-4-5')).toBe(contextTokens('claude-sonnet-4-5'));
  });

  it('when set, is the size for every model of that provider, known names included', () => {
    const settings = parseStoredSettings({
      provider: 'openai-compatible',
      providers: {
        'openai-compatible': { baseURL: 'http://localhost:11434/v1', models: ['llama3', 'gpt-4o'], contextTokens: ' 8192 ' },
        bedrock: { region: 'us-east-1', models: ['arn:aws:bedrock:us-east-1:1:application-inference-profile/abc'], contextTokens: '200000' },
      },
    });
    expect(contextSizeFor(settings.providers, 'openai-compatible', 'llama3')).toBe(8192);
    expect(contextSizeFor(settings.providers, 'openai-compatible', 'gpt-4o')).toBe(8192);
    expect(contextSizeFor(settings.providers, 'bedrock', 'arn:aws:bedrock:us-east-1:1:application-inference-profile/abc')).toBe(200_000);
    // Another provider's models keep their own sizes.
    expect(contextSizeFor(settings.providers, 'azure-openai', 'prod-gpt-4o')).toBe(128_000);
  });

  it('falls back to the model’s name when stored text is not a whole number (edited by hand)', () => {
    const settings = parseStoredSettings({ provider: 'openai-compatible', providers: { 'openai-compatible': { contextTokens: '8k' } } });
    expect(contextSizeFor(settings.providers, 'openai-compatible', 'gpt-4')).toBe(8192);
    expect(contextSizeFor(settings.providers, 'openai-compatible', 'mistral')).toBe(DEFAULT_CONTEXT_TOKENS);
  });

  it('names the field and says what to write when the value is not a whole number of at least 2,048 tokens', () => {
    const form = PROVIDER_FORMS['openai-compatible'];
    const draft = toDraft(form, form.defaults);
    const message = 'Context size (tokens) must be a whole number of tokens, 2,048 or more (or empty, to go by the model’s name).';
    for (const bad of ['8k', '1024', '-4096', '4096.5'])
      expect(validateDraft(form, { ...draft, contextTokens: bad }), bad).toEqual({ contextTokens: message });
    for (const good of ['', '2048', ' 131072 ']) expect(validateDraft(form, { ...draft, contextTokens: good }), good).toEqual({});
  });

  it('can be locked by policy as a JSON number, checked as the form checks it, and wins over the user’s value', () => {
    const { policy, notices } = parsePolicy({
      providers: { 'azure-openai': { contextTokens: 64000 }, bedrock: { contextTokens: 100 }, 'openai-compatible': { contextTokens: '8192' } },
    });
    expect(policy.providers).toEqual({ 'azure-openai': { contextTokens: '64000' } });
    expect(notices).toEqual([
      { key: 'providers.bedrock.contextTokens', message: 'Context size (tokens) must be a whole number of tokens, 2,048 or more (or empty, to go by the model’s name).' },
      { key: 'providers.openai-compatible.contextTokens', message: 'must be a number (it is a string).' },
    ]);
    const user = parseStoredSettings({ provider: 'azure-openai', providers: { 'azure-openai': { contextTokens: '8192' } } });
    const settings = effectiveSettings(user, policy);
    expect(contextSizeFor(settings.providers, 'azure-openai', 'prod-gpt-4o')).toBe(64_000);
    expect(settings.locked.providers['azure-openai']).toContain('contextTokens');
  });

  it('is offered by no provider whose model names always say their size', () => {
    for (const id of ['openai', 'anthropic', 'vertex'] as const)
      expect(PROVIDER_FORMS[id].fields.map((f) => f.key), id).not.toContain('contextTokens');
  });
});
