import { describe, expect, it } from 'vitest';
import { imageRefusal, imageSupport } from '@/lib/providers/image-support';
import { CURATED_MODELS } from '@/lib/providers/models';

describe('which models read images', () => {
  it.each([
    ['openai', 'gpt-5.5', 'yes'],
    ['openai', 'gpt-4o-mini', 'yes'],
    ['openai', 'gpt-4.1-nano', 'yes'],
    ['openai', 'o3', 'yes'],
    ['openai', 'o4-mini', 'yes'],
    ['openai', 'o3-mini', 'no'],
    ['openai', 'o1-mini', 'no'],
    ['openai', 'gpt-3.5-turbo', 'no'],
    ['openai', 'gpt-4', 'no'],
    ['openai', 'gpt-4-0613', 'no'],
    ['openai', 'ft:my-model', 'unknown'],
    ['anthropic', 'claude-sonnet-4-5-20250929', 'yes'],
    ['anthropic', 'claude-3-5-haiku-20241022', 'yes'],
    ['anthropic', 'claude-2.1', 'no'],
    ['anthropic', 'claude-instant-1.2', 'no'],
    ['bedrock', 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', 'yes'],
    ['bedrock', 'anthropic.claude-v2:1', 'no'],
    ['bedrock', 'amazon.nova-pro-v1:0', 'yes'],
    ['bedrock', 'eu.amazon.nova-micro-v1:0', 'no'],
    ['bedrock', 'amazon.titan-text-express-v1', 'no'],
    ['bedrock', 'us.meta.llama3-2-90b-instruct-v1:0', 'yes'],
    ['bedrock', 'meta.llama3-2-3b-instruct-v1:0', 'no'],
    ['bedrock', 'meta.llama3-1-70b-instruct-v1:0', 'no'],
    ['bedrock', 'us.meta.llama4-maverick-17b-instruct-v1:0', 'yes'],
    ['bedrock', 'mistral.pixtral-large-2502-v1:0', 'yes'],
    ['bedrock', 'cohere.command-r-plus-v1:0', 'no'],
    ['bedrock', 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc', 'unknown'],
    ['vertex', 'gemini-2.5-pro', 'yes'],
    ['vertex', 'gemini-2.0-flash-001', 'yes'],
    ['vertex', 'text-bison', 'unknown'],
    // Names chosen by whoever deployed them: nothing to go on.
    ['azure-openai', 'gpt-35-turbo-prod', 'unknown'],
    ['azure-openai', 'gpt-4o-prod', 'unknown'],
    ['openai-compatible', 'llava:13b', 'unknown'],
  ] as const)('%s %s: %s', (provider, model, support) => expect(imageSupport(provider, model)).toBe(support));

  it('knows every curated model reads images, so a default choice never refuses one', () => {
    for (const provider of ['openai', 'anthropic'] as const)
      for (const model of CURATED_MODELS[provider]) expect(imageSupport(provider, model), model).toBe('yes');
  });
});

describe('imageRefusal', () => {
  it('names the model by name and ID and says what to do, before anything is sent', () => {
    expect(imageRefusal('bedrock', 'amazon.nova-micro-v1:0', 'draft')).toBe(
      'AWS Bedrock · Amazon Nova Micro (amazon.nova-micro-v1:0) cannot read images. Remove the images, or choose a model that reads them in the “Model” list.',
    );
    expect(imageRefusal('openai', 'gpt-3.5-turbo', 'conversation')).toBe(
      'OpenAI · gpt-3.5-turbo cannot read images, and this conversation has some. Choose a model that reads them in the “Model” list, or start a New chat.',
    );
  });

  it('lets through the models that read images and those it does not know', () => {
    expect(imageRefusal('anthropic', 'claude-sonnet-5-5', 'draft')).toBeUndefined();
    expect(imageRefusal('azure-openai', 'my-deployment', 'draft')).toBeUndefined();
  });
});
