import type { FieldSpec } from '../field-spec';
import type { GenerationFields, ReasoningFields } from '../schema';

/**
 * The seed's defaults (issue 14 §2): 0.7 and 4096 are sent where a model takes them; no reasoning
 * effort, so each reasoning model thinks as its vendor set it up.
 */
export const GENERATION_DEFAULTS: GenerationFields = { temperature: '0.7', maxOutputTokens: '4096' };
export const REASONING_DEFAULTS: ReasoningFields = { reasoningEffort: '' };

export const GENERATION_SECTION = 'Generation';

/** Checks a temperature as typed: empty (not sent) or a number in the provider's range. */
export function checkTemperature(max: number) {
  return (value: string): string | undefined => {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= max
      ? undefined
      : `must be a number from 0 to ${max} (or empty, to use the model’s own)`;
  };
}

/** Checks a token count as typed: a whole number from 1 up. */
export function checkTokenCount(value: string): string | undefined {
  return /^\d+$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= 10_000_000
    ? undefined
    : 'must be a whole number of tokens, such as 4096';
}

interface GenerationOptions {
  /** The provider's highest temperature (OpenAI and Gemini 2; Anthropic and Bedrock 1). */
  maxTemperature: number;
  /** What the temperature's help adds: which models never get it. */
  temperatureNote?: string;
  /** Anthropic's API requires max_tokens on every request. */
  maxTokensRequired?: boolean;
}

/** Temperature and maximum output tokens, under the "Generation" heading. */
export function generationFields<C extends GenerationFields>(options: GenerationOptions): FieldSpec<C>[] {
  return [
    {
      key: 'temperature',
      label: 'Temperature',
      kind: 'number',
      section: GENERATION_SECTION,
      placeholder: 'The model’s own',
      help: `0 to ${options.maxTemperature}: lower is more focused, higher more varied. Empty: not sent.${options.temperatureNote ? ` ${options.temperatureNote}` : ''}`,
      check: checkTemperature(options.maxTemperature),
    },
    {
      key: 'maxOutputTokens',
      label: 'Maximum output tokens',
      kind: 'number',
      section: GENERATION_SECTION,
      required: options.maxTokensRequired,
      placeholder: options.maxTokensRequired ? undefined : 'The model’s own',
      help: options.maxTokensRequired
        ? 'The longest answer, in tokens (thinking included). Anthropic requires it.'
        : 'The longest answer, in tokens (a reasoning model’s thinking included). Empty: not sent.',
      check: checkTokenCount,
    },
  ];
}

/** Reasoning effort, for the providers whose API has one. */
export function reasoningField<C extends ReasoningFields>(help: string): FieldSpec<C> {
  return {
    key: 'reasoningEffort',
    label: 'Reasoning effort',
    kind: 'select',
    section: GENERATION_SECTION,
    options: [
      { value: '', label: 'The model’s default' },
      { value: 'low', label: 'Low' },
      { value: 'medium', label: 'Medium' },
      { value: 'high', label: 'High' },
    ],
    help,
  };
}
