import { describe, expect, it } from 'vitest';
import { fromDraft, toDraft } from '@/lib/settings/draft';
import { PROVIDER_FORMS } from '@/lib/settings/provider-forms';

describe('draft conversion', () => {
  it('round-trips every provider’s defaults', () => {
    for (const form of Object.values(PROVIDER_FORMS)) {
      const f = form as (typeof PROVIDER_FORMS)['vertex'];
      expect(fromDraft(f, toDraft(f, f.defaults))).toEqual(f.defaults);
    }
  });

  it('turns lines into lists and headers, trimming what the user typed', () => {
    const form = PROVIDER_FORMS['openai-compatible'];
    const config = fromDraft(form, {
      baseURL: ' http://localhost:11434/v1 ',
      apiKey: ' key ',
      headers: 'X-A: 1\n\nX-B:2',
      models: 'llama3\n\n  qwen2 \n',
    });
    expect(config).toEqual({
      baseURL: 'http://localhost:11434/v1',
      apiKey: 'key',
      headers: { 'X-A': '1', 'X-B': '2' },
      models: ['llama3', 'qwen2'],
      // Fields left out of the draft are empty: for the generation settings, not sent; for the
      // context size, the model's name decides.
      temperature: '',
      maxOutputTokens: '',
      reasoningEffort: '',
      contextTokens: '',
    });
  });
});
