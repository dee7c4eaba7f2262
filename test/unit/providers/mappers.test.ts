import { describe, expect, it } from 'vitest';
import { mapAnthropicStopReason } from '@/lib/providers/anthropic';
import { mapBedrockStopReason } from '@/lib/providers/bedrock';
import { mapOpenAIFinishReason } from '@/lib/providers/openai-chat-stream';
import { providerErrorFromStatus, vendorMessage } from '@/lib/providers/provider-error';
import { mapGeminiFinishReason } from '@/lib/providers/vertex';

describe('finish reasons, per vendor, into one vocabulary', () => {
  it.each([
    [mapOpenAIFinishReason, 'stop', 'stop'],
    [mapOpenAIFinishReason, 'length', 'length'],
    [mapOpenAIFinishReason, 'content_filter', 'content-filter'],
    [mapOpenAIFinishReason, 'tool_calls', 'other'],
    [mapAnthropicStopReason, 'end_turn', 'stop'],
    [mapAnthropicStopReason, 'max_tokens', 'length'],
    [mapAnthropicStopReason, 'refusal', 'content-filter'],
    [mapBedrockStopReason, 'end_turn', 'stop'],
    [mapBedrockStopReason, 'guardrail_intervened', 'content-filter'],
    [mapBedrockStopReason, 'max_tokens', 'length'],
    [mapGeminiFinishReason, 'STOP', 'stop'],
    [mapGeminiFinishReason, 'SAFETY', 'content-filter'],
    [mapGeminiFinishReason, 'MAX_TOKENS', 'length'],
  ] as const)('%o(%s) is %s', (map, vendor, ours) => expect(map(vendor)).toBe(ours));
});

describe('vendorMessage', () => {
  it.each([
    ['{"error":{"message":"OpenAI says no","type":"x"}}', 'OpenAI says no'],
    ['{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}', 'Overloaded'],
    ['{"error":{"type":"error","error":{"message":"wrapped by an SDK"}}}', 'wrapped by an SDK'],
    ['{"message":"The provided model identifier is invalid."}', 'The provided model identifier is invalid.'],
    ['{"Message":"User is not authorized"}', 'User is not authorized'],
    ['{"error":{"code":429,"message":"Resource exhausted.","status":"RESOURCE_EXHAUSTED"}}', 'Resource exhausted.'],
    ['plain text from a proxy', 'plain text from a proxy'],
  ])('finds the words in %s', (body, words) => expect(vendorMessage(body)).toBe(words));

  it('ignores an HTML error page', () => expect(vendorMessage('<html><body>502</body></html>')).toBeUndefined());
});

describe('providerErrorFromStatus', () => {
  it('recognises Azure’s content filter in a 400', () => {
    const e = providerErrorFromStatus('azure-openai', 400, '{"error":{"code":"content_filter","message":"The response was filtered"}}', null);
    expect(e.kind).toBe('content-filter');
    expect(e.message).toMatch(/content filter blocked this request.*Rephrase/);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(providerErrorFromStatus('openai', 429, '', '12').retryAfter).toBe(12);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(providerErrorFromStatus('openai', 429, '', inAMinute).retryAfter).toBeGreaterThanOrEqual(58);
    expect(providerErrorFromStatus('openai', 429, '', null).message).toMatch(/Wait a moment and try again\./);
  });

  it('points enterprise users at the OAuth2 client, standard users at the key', () => {
    expect(providerErrorFromStatus('bedrock', 401, '', null).message).toMatch(/Check the OAuth2 client or API key/);
    expect(providerErrorFromStatus('anthropic', 401, '', null).message).toMatch(/Check the API key/);
  });

  it('marks what may pass on its own as retryable', () => {
    expect(providerErrorFromStatus('vertex', 503, '', null).retryable).toBe(true);
    expect(providerErrorFromStatus('vertex', 404, '', null).retryable).toBe(false);
  });
});

describe('missingCredentials', () => {
  it('names what each provider still needs, and nothing once it is set up', async () => {
    const { missingCredentials } = await import('@/lib/providers/missing-credentials');
    const { defaultSettings } = await import('@/lib/settings/parse-stored');
    const settings = defaultSettings();
    expect(missingCredentials('openai', settings)).toBe('OpenAI needs an API key: add it in omni-ai’s options, then press Retry.');
    expect(missingCredentials('azure-openai', settings)).toBe('Azure OpenAI needs an endpoint: add it in omni-ai’s options, then press Retry.');
    expect(missingCredentials('vertex', settings)).toMatch(/needs a project ID/);
    settings.providers.openai.apiKey = 'sk-x';
    expect(missingCredentials('openai', settings)).toBeUndefined();
    expect(missingCredentials('openai-compatible', settings)).toBeUndefined(); // a local server needs no key
  });
});
