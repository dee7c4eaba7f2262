import type { FieldSpec } from '../field-spec';
import type { ContextFields, GenerationFields, ReasoningFields } from '../schema';
import { formatNumber, t } from '../../i18n/t';

/**
 * The seed's defaults (issue 14 §2): 0.7 and 4096 are sent where a model takes them; no reasoning
 * effort, so each reasoning model thinks as its vendor set it up.
 */
export const GENERATION_DEFAULTS: GenerationFields = { temperature: '0.7', maxOutputTokens: '4096' };
export const REASONING_DEFAULTS: ReasoningFields = { reasoningEffort: '' };
/** Empty: the context size comes from the model's name (lib/providers/context-sizes.ts). */
export const CONTEXT_DEFAULTS: ContextFields = { contextTokens: '' };

/**
 * The smallest context size taken: the worker reserves up to a quarter of it for the answer and
 * 1,024 tokens for the system prompt (lib/chat/context-budget.ts), so below 2,048 a question
 * would have almost no room. Ollama's old default `num_ctx` was 2,048.
 */
export const MIN_CONTEXT_TOKENS = 2048;

export const generationSection = () => t('section_generation');

/** Checks a temperature as typed: empty (not sent) or a number in the provider's range. */
export function checkTemperature(max: number) {
  return (value: string): string | undefined => {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= max
      ? undefined
      : t('check_temperature', max);
  };
}

/** A whole number of tokens from `min` up to 10,000,000, as typed (spaces around it ignored). */
export function isTokenCount(value: string, min: number): boolean {
  const text = value.trim();
  return /^\d+$/.test(text) && Number(text) >= min && Number(text) <= 10_000_000;
}

/** Checks a token count as typed: a whole number from 1 up. */
export function checkTokenCount(value: string): string | undefined {
  return isTokenCount(value, 1) ? undefined : t('check_tokens', '4096');
}

/** Checks a context size as typed: a whole number of tokens from MIN_CONTEXT_TOKENS up. */
export function checkContextSize(value: string): string | undefined {
  return isTokenCount(value, MIN_CONTEXT_TOKENS) ? undefined : t('check_context_size', formatNumber(MIN_CONTEXT_TOKENS));
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
      label: t('field_temperature'),
      kind: 'number',
      section: generationSection(),
      placeholder: t('placeholder_model_own'),
      help: `${t('help_temperature', options.maxTemperature)}${options.temperatureNote ? ` ${options.temperatureNote}` : ''}`,
      check: checkTemperature(options.maxTemperature),
    },
    {
      key: 'maxOutputTokens',
      label: t('field_max_tokens'),
      kind: 'number',
      section: generationSection(),
      required: options.maxTokensRequired,
      placeholder: options.maxTokensRequired ? undefined : t('placeholder_model_own'),
      help: options.maxTokensRequired
        ? t('help_max_tokens_required')
        : t('help_max_tokens'),
      check: checkTokenCount,
    },
  ];
}

/** Reasoning effort, for the providers whose API has one. */
export function reasoningField<C extends ReasoningFields>(help: string): FieldSpec<C> {
  return {
    key: 'reasoningEffort',
    label: t('field_reasoning'),
    kind: 'select',
    section: generationSection(),
    options: [
      { value: '', label: t('reasoning_default') },
      { value: 'low', label: t('reasoning_low') },
      { value: 'medium', label: t('reasoning_medium') },
      { value: 'high', label: t('reasoning_high') },
    ],
    help,
  };
}

/**
 * How many tokens the provider's models read, for providers whose model names may not say (a
 * server's own models, Azure deployments, Bedrock inference-profile ARNs). The worker keeps each
 * request within it, newest messages first (issue 13 target 2). One value for every model listed.
 */
export function contextField<C extends ContextFields>(note?: string): FieldSpec<C> {
  return {
    key: 'contextTokens',
    label: t('field_context_size'),
    kind: 'number',
    section: generationSection(),
    placeholder: t('placeholder_context_size'),
    help: `${t('help_context_size')}${note ? ` ${note}` : ''}`,
    check: checkContextSize,
  };
}
