import { describe, expect, it } from 'vitest';
import { modelName } from '@/lib/providers/model-name';
import { isOpenAIChatModel } from '@/lib/providers/openai-chat-models';

describe('modelName', () => {
  it.each([
    ['anthropic', 'claude-sonnet-5-5', 'Claude Sonnet 5.5'],
    ['anthropic', 'claude-sonnet-4-20250514', 'Claude Sonnet 4'],
    ['anthropic', 'claude-opus-4-1-20250805', 'Claude Opus 4.1'],
    ['anthropic', 'claude-3-5-haiku-20241022', 'Claude Haiku 3.5'],
    ['anthropic', 'claude-3-opus-20240229', 'Claude Opus 3'],
    ['bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'Claude Sonnet 4.5 (US)'],
    ['bedrock', 'anthropic.claude-3-5-sonnet-20241022-v2:0', 'Claude Sonnet 3.5'],
    ['bedrock', 'global.anthropic.claude-haiku-4-5-20251001-v1:0', 'Claude Haiku 4.5 (global)'],
    ['bedrock', 'eu.amazon.nova-pro-v1:0', 'Amazon Nova Pro (EU)'],
    ['bedrock', 'meta.llama3-2-90b-instruct-v1:0', 'Llama 3.2 90B Instruct'],
    ['bedrock', 'us.meta.llama4-scout-17b-instruct-v1:0', 'Llama 4 Scout 17B Instruct (US)'],
    ['bedrock', 'mistral.pixtral-large-2502-v1:0', 'Pixtral Large (25.02)'],
    ['bedrock', 'cohere.command-r-plus-v1:0', 'Command R+'],
    ['vertex', 'gemini-2.5-pro', 'Gemini 2.5 Pro'],
    ['vertex', 'gemini-2.5-flash-lite', 'Gemini 2.5 Flash-Lite'],
    ['vertex', 'gemini-2.0-flash-001', 'Gemini 2.0 Flash 001'],
    ['vertex', 'gemini-3-pro-preview', 'Gemini 3 Pro Preview'],
  ] as const)('%s %s is %s', (provider, id, name) => expect(modelName(provider, id)).toBe(name));

  it.each([
    ['bedrock', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc'],
    ['bedrock', 'acme.house-model-v1:0'],
    ['vertex', 'text-bison'],
    ['openai', 'gpt-5.5'],
    ['azure-openai', 'gpt-4o-prod'],
    ['openai-compatible', 'llama3.3'],
  ] as const)('%s %s is shown by its ID', (provider, id) => expect(modelName(provider, id)).toBe(id));
});

describe('isOpenAIChatModel', () => {
  it.each(['gpt-5.5', 'gpt-4o-mini', 'gpt-4.1', 'o3', 'o4-mini', 'chatgpt-4o-latest', 'gpt-4o-search-preview', 'gpt-3.5-turbo'])('%s is a chat model', (id) =>
    expect(isOpenAIChatModel(id)).toBe(true),
  );
  it.each([
    'text-embedding-3-large',
    'whisper-1',
    'tts-1',
    'dall-e-3',
    'gpt-image-1',
    'gpt-4o-realtime-preview',
    'gpt-4o-audio-preview',
    'gpt-4o-mini-transcribe',
    'gpt-4o-mini-tts',
    'gpt-3.5-turbo-instruct',
    'omni-moderation-latest',
    'o3-pro',
    'gpt-5-pro',
    'gpt-5-codex',
    'o4-mini-deep-research',
    'computer-use-preview',
    'davinci-002',
  ])('%s is not', (id) => expect(isOpenAIChatModel(id)).toBe(false));
});
