import './sdks-registered';
import { afterEach, describe, expect, it } from 'vitest';
import { anthropicGenerationParams, createAnthropicModel } from '@/lib/providers/anthropic';
import { createAzureOpenAIModel } from '@/lib/providers/azure-openai';
import { converseBody, converseInferenceConfig } from '@/lib/providers/bedrock';
import { generationOf } from '@/lib/providers/generation';
import { isClaudeWithoutTemperature, isOpenAIReasoningModel } from '@/lib/providers/model-traits';
import { createOpenAIModel } from '@/lib/providers/openai';
import { openAIGenerationParams } from '@/lib/providers/openai-chat-stream';
import { createOpenAICompatibleModel } from '@/lib/providers/openai-compatible';
import { rejectedSetting, withParameterHint } from '@/lib/providers/parameter-hint';
import { geminiGenerationConfig, generateContentBody } from '@/lib/providers/vertex';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';
import { acceptKey } from '../../servers/auth-check';
import { startFakeAnthropic } from '../../servers/fake-anthropic';
import { startFakeAzureOpenAI } from '../../servers/fake-azure-openai';
import { startFakeOpenAI } from '../../servers/fake-openai';
import { anthropicParameterError, converseParameterError, geminiParameterError } from '../../servers/generation-rules';
import { collect } from './collect';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

const DEFAULTS = { temperature: 0.7, maxOutputTokens: 4096 };

describe('what a model takes, from its ID', () => {
  it.each([
    ['o1', true],
    ['o3-mini', true],
    ['o4-mini-2025-04-16', true],
    ['gpt-5', true],
    ['gpt-5.5', true],
    ['gpt-6.1-sol', true],
    ['openai/gpt-5-mini', true],
    ['gpt-5-chat-latest', false],
    ['gpt-4.1', false],
    ['gpt-4o-prod', false],
    ['omni-moderation', false],
    ['llama3.3', false],
  ])('OpenAI reasoning model: %s → %s', (model, expected) => expect(isOpenAIReasoningModel(model)).toBe(expected));

  it.each([
    ['claude-sonnet-5-5', true],
    ['claude-opus-4-7', true],
    ['claude-opus-4-8', true],
    ['claude-fable-5-2', true],
    ['claude-mythos-preview', true],
    ['claude-sonnet-5', true],
    ['claude-opus-4-6', false],
    ['claude-sonnet-4-6', false],
    ['claude-haiku-4-5-20251001', false],
    ['claude-opus-4-20250514', false],
    ['claude-3-7-sonnet-20250219', false],
    ['us.anthropic.claude-sonnet-4-5-20250929-v1:0', false],
    ['global.anthropic.claude-opus-4-7-v1:0', true],
    ['us.amazon.nova-pro-v1:0', false],
  ])('Claude without temperature: %s → %s', (model, expected) => expect(isClaudeWithoutTemperature(model)).toBe(expected));
});

describe('generationOf', () => {
  it('reads the fields as typed, and sends nothing for an empty one', () => {
    expect(generationOf({ temperature: '0.2', maxOutputTokens: '1000', reasoningEffort: 'high' })).toEqual({
      temperature: 0.2,
      maxOutputTokens: 1000,
      reasoningEffort: 'high',
    });
    expect(generationOf({ temperature: '', maxOutputTokens: ' ', reasoningEffort: '' })).toEqual({});
    expect(generationOf(PROVIDER_FORMS.openai.defaults)).toEqual(DEFAULTS);
  });
});

describe('each provider’s own format', () => {
  it('OpenAI: max_completion_tokens; no temperature for a reasoning model, no reasoning effort for the others', () => {
    const all = { ...DEFAULTS, reasoningEffort: 'low' as const };
    expect(openAIGenerationParams('openai', 'gpt-4.1', all, 'max_completion_tokens')).toEqual({ temperature: 0.7, max_completion_tokens: 4096 });
    expect(openAIGenerationParams('openai', 'gpt-5.5', all, 'max_completion_tokens')).toEqual({ max_completion_tokens: 4096, reasoning_effort: 'low' });
  });

  it('Azure and compatible servers: reasoning effort whenever it is set (a deployment’s name says nothing), max_tokens for compatible servers', () => {
    const all = { ...DEFAULTS, reasoningEffort: 'medium' as const };
    expect(openAIGenerationParams('azure-openai', 'chat-prod', all, 'max_completion_tokens')).toEqual({
      temperature: 0.7,
      max_completion_tokens: 4096,
      reasoning_effort: 'medium',
    });
    expect(openAIGenerationParams('openai-compatible', 'llama3.3', DEFAULTS, 'max_tokens')).toEqual({ temperature: 0.7, max_tokens: 4096 });
    expect(openAIGenerationParams('openai-compatible', 'llama3.3', {}, 'max_tokens')).toEqual({});
  });

  it('Anthropic: max_tokens always, temperature only for Claude up to Opus 4.6, effort as output_config', () => {
    expect(anthropicGenerationParams('claude-sonnet-4-6', DEFAULTS)).toEqual({ max_tokens: 4096, temperature: 0.7 });
    expect(anthropicGenerationParams('claude-sonnet-5-5', { ...DEFAULTS, reasoningEffort: 'high' })).toEqual({
      max_tokens: 4096,
      output_config: { effort: 'high' },
    });
    expect(anthropicGenerationParams('claude-sonnet-5-5', {})).toEqual({ max_tokens: 8192 });
  });

  it('Bedrock: Converse’s inferenceConfig, with no temperature for Claude after Opus 4.6', () => {
    expect(converseBody({ model: 'us.amazon.nova-pro-v1:0', messages: [{ role: 'user', content: 'Hi' }], generation: DEFAULTS })).toEqual({
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
      inferenceConfig: { maxTokens: 4096, temperature: 0.7 },
    });
    expect(converseInferenceConfig('global.anthropic.claude-opus-4-7-v1:0', DEFAULTS)).toEqual({ maxTokens: 4096 });
    expect(converseInferenceConfig('m', {})).toBeUndefined();
  });

  it('Vertex: generationConfig, with a thinking budget for Gemini 2.5 and a thinking level after it', () => {
    expect(generateContentBody({ model: 'gemini-2.5-pro', messages: [], generation: { ...DEFAULTS, reasoningEffort: 'medium' } })).toMatchObject({
      generationConfig: { temperature: 0.7, maxOutputTokens: 4096, thinkingConfig: { thinkingBudget: 8192 } },
    });
    expect(geminiGenerationConfig('gemini-3-pro-preview', { reasoningEffort: 'low' })).toEqual({ thinkingConfig: { thinkingLevel: 'low' } });
    expect(geminiGenerationConfig('gemini-2.5-flash', {})).toBeUndefined();
  });
});

describe('the adapters send them, and the fakes take them as the real APIs do', () => {
  it('OpenAI: a chat model gets the temperature, a reasoning model its effort and no temperature', async () => {
    const server = await startFakeOpenAI({ models: ['gpt-4.1', 'gpt-5.5'], reasoning: ['gpt-5.5'], credential: acceptKey('k') });
    closers.push(server.close);
    const model = createOpenAIModel({ apiKey: 'k', baseURL: `${server.url}/v1` }, fetch);
    const generation = { ...DEFAULTS, reasoningEffort: 'high' as const };
    expect((await collect(model, { model: 'gpt-4.1', generation })).last.type).toBe('finish');
    expect((await collect(model, { model: 'gpt-5.5', generation })).last.type).toBe('finish');
    expect(server.requests[0]!.body).toMatchObject({ temperature: 0.7, max_completion_tokens: 4096 });
    expect(server.requests[0]!.body).not.toHaveProperty('reasoning_effort');
    expect(server.requests[1]!.body).toMatchObject({ reasoning_effort: 'high', max_completion_tokens: 4096 });
    expect(server.requests[1]!.body).not.toHaveProperty('temperature');
  });

  it('OpenAI-compatible: max_tokens, which older servers know', async () => {
    const server = await startFakeOpenAI({ models: ['llama3.3'] });
    closers.push(server.close);
    const model = createOpenAICompatibleModel({ apiKey: '', baseURL: `${server.url}/v1`, headers: {} }, fetch);
    await collect(model, { model: 'llama3.3', generation: DEFAULTS });
    expect(server.requests[0]!.body).toMatchObject({ temperature: 0.7, max_tokens: 4096 });
  });

  it('Anthropic: the deprecated temperature never reaches a model that refuses it', async () => {
    const server = await startFakeAnthropic({
      models: ['claude-sonnet-5-5', 'claude-sonnet-4-6'],
      noTemperature: ['claude-sonnet-5-5'],
      credential: acceptKey('k'),
    });
    closers.push(server.close);
    const model = createAnthropicModel({ apiKey: 'k', baseURL: server.url }, fetch);
    expect((await collect(model, { model: 'claude-sonnet-5-5', generation: DEFAULTS })).last.type).toBe('finish');
    expect((await collect(model, { model: 'claude-sonnet-4-6', generation: DEFAULTS })).last.type).toBe('finish');
    expect(server.requests.map((r) => r.body.temperature)).toEqual([undefined, 0.7]);
  });

  it('Azure: a reasoning deployment with another name refuses the temperature, and the message names the field to clear', async () => {
    const server = await startFakeAzureOpenAI({ deployments: ['chat-prod'], reasoning: ['chat-prod'], apiKey: acceptKey('k') });
    closers.push(server.close);
    const model = createAzureOpenAIModel(
      { ...PROVIDER_FORMS['azure-openai'].defaults, endpoint: server.url, auth: 'api-key', apiKey: 'k' },
      { getToken: () => Promise.reject(new Error('unused')), authFetch: fetch, fetch },
    );
    const { last } = await collect(model, { model: 'chat-prod', generation: DEFAULTS });
    if (last.type !== 'error') throw new Error('expected a refusal');
    expect(last.error).toMatchObject({ kind: 'bad-request', status: 400 });
    expect(last.error.message).toContain("Unsupported value: 'temperature' does not support 0.7 with this model.");
    expect(withParameterHint(last.error, 'azure-openai', DEFAULTS).message).toMatch(
      /Only the default \(1\) value is supported\.” The model does not take this “Temperature”: change it, or clear it so it is not sent, in omni-ai’s options \(Azure OpenAI, under Generation\); then press Retry\.$/,
    );
  });
});

describe('naming the setting a provider refused', () => {
  it('finds it in each provider’s own words, among the settings sent', () => {
    const sent = { ...DEFAULTS, reasoningEffort: 'low' as const };
    expect(rejectedSetting(anthropicParameterError({ temperature: 0.7 }, false)!, sent)?.label).toBe('Temperature');
    expect(rejectedSetting("Unsupported parameter: 'max_tokens' is not supported with this model.", sent)?.label).toBe('Maximum output tokens');
    expect(rejectedSetting(converseParameterError({ inferenceConfig: { temperature: 3 } })!, sent)?.label).toBe('Temperature');
    expect(rejectedSetting(geminiParameterError({ generationConfig: { thinkingConfig: { thinkingLevel: 'low' } } }, 'gemini-2.5-pro')!, sent)?.label).toBe(
      'Reasoning effort',
    );
    expect(rejectedSetting('output_config.effort: Extra inputs are not permitted', sent)?.label).toBe('Reasoning effort');
  });

  it('blames no setting that was not sent, and leaves other refusals as they are', () => {
    expect(rejectedSetting('`temperature` is deprecated for this model.', { maxOutputTokens: 10 })).toBeUndefined();
    const other = { kind: 'bad-request' as const, message: 'Anthropic rejected the request (HTTP 400). Anthropic said: “messages: roles must alternate”' };
    expect(withParameterHint(other, 'anthropic', DEFAULTS)).toBe(other);
    const auth = { kind: 'auth' as const, message: 'temperature' };
    expect(withParameterHint(auth, 'anthropic', DEFAULTS)).toBe(auth);
  });

  it('says a required field is to be changed, and a locked one is the administrator’s', () => {
    const error = { kind: 'bad-request' as const, message: 'max_tokens: 64000 > 32000, which is the maximum allowed number of output tokens' };
    expect(withParameterHint(error, 'anthropic', DEFAULTS, [], ['maxOutputTokens']).message).toContain(
      'The model does not take this “Maximum output tokens”: change it in omni-ai’s options (Anthropic, under Generation), then press Retry.',
    );
    expect(withParameterHint(error, 'anthropic', DEFAULTS, ['maxOutputTokens']).message).toContain(
      'which your organization sets: ask your administrator to change it for Anthropic.',
    );
  });
});
