import { describe, expect, it } from 'vitest';
import { filterModels, optionLabels } from '@/lib/chat/model-filter';

const models = [
  { id: 'gpt-5.5', name: 'gpt-5.5' },
  { id: 'gpt-5.4-mini', name: 'gpt-5.4-mini' },
  { id: 'o4-mini', name: 'o4-mini' },
  { id: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0', name: 'Claude Sonnet 4.5 (US)' },
];

describe('filterModels', () => {
  it('keeps the models whose name or ID holds every word, case ignored, in order', () => {
    expect(filterModels(models, 'MINI', undefined).map((m) => m.id)).toEqual(['gpt-5.4-mini', 'o4-mini']);
    expect(filterModels(models, 'o4 mini', undefined).map((m) => m.id)).toEqual(['o4-mini']);
    expect(filterModels(models, 'sonnet 4.5', undefined).map((m) => m.name)).toEqual(['Claude Sonnet 4.5 (US)']);
    expect(filterModels(models, 'anthropic', undefined)).toHaveLength(1); // by ID too
  });

  it('keeps the chosen model, so the combobox never shows another than the one requests use', () => {
    expect(filterModels(models, 'mini', 'gpt-5.5').map((m) => m.id)).toEqual(['gpt-5.5', 'gpt-5.4-mini', 'o4-mini']);
    expect(filterModels(models, 'nothing like it', 'gpt-5.5').map((m) => m.id)).toEqual(['gpt-5.5']);
  });

  it('an empty filter keeps them all', () => expect(filterModels(models, '  ', undefined)).toEqual(models));
});

describe('optionLabels', () => {
  it('shows the name, with the ID where two models share one', () => {
    const labels = optionLabels([
      { id: 'anthropic.claude-3-5-sonnet-20240620-v1:0', name: 'Claude Sonnet 3.5' },
      { id: 'anthropic.claude-3-5-sonnet-20241022-v2:0', name: 'Claude Sonnet 3.5' },
      { id: 'amazon.nova-pro-v1:0', name: 'Amazon Nova Pro' },
    ]);
    expect([...labels.values()]).toEqual([
      'Claude Sonnet 3.5 (anthropic.claude-3-5-sonnet-20240620-v1:0)',
      'Claude Sonnet 3.5 (anthropic.claude-3-5-sonnet-20241022-v2:0)',
      'Amazon Nova Pro',
    ]);
  });
});
