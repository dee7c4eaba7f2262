/**
 * How the real APIs refuse generation settings, for the fakes to refuse them the same way. The
 * words are the APIs' own (as reported against them, e.g. openai/openai-python#1724,
 * github/app#2574); each rule returns the message, or undefined when the body is fine.
 */

/**
 * OpenAI's chat completions, and Azure OpenAI's: a reasoning model (o-series, GPT-5 and later)
 * takes no temperature but 1 and no `max_tokens`; any other model takes no `reasoning_effort`.
 * Answered 400 with `param` naming the field.
 */
export function openAIParameterError(body: Record<string, unknown>, reasoning: boolean): { message: string; param: string; code: string } | undefined {
  if (reasoning && body.temperature !== undefined && body.temperature !== 1)
    return {
      message: `Unsupported value: 'temperature' does not support ${String(body.temperature)} with this model. Only the default (1) value is supported.`,
      param: 'temperature',
      code: 'unsupported_value',
    };
  if (reasoning && body.max_tokens !== undefined)
    return {
      message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      param: 'max_tokens',
      code: 'unsupported_parameter',
    };
  if (!reasoning && body.reasoning_effort !== undefined)
    return {
      message: "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
      param: 'reasoning_effort',
      code: 'unsupported_parameter',
    };
  if (typeof body.temperature === 'number' && (body.temperature < 0 || body.temperature > 2))
    return {
      message: `Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got ${body.temperature} instead.`,
      param: 'temperature',
      code: 'decimal_above_max_value',
    };
  return undefined;
}

/** Anthropic's Messages API: Claude after Opus 4.6 refuses `temperature` at all; the others take 0 to 1. */
export function anthropicParameterError(body: Record<string, unknown>, takesTemperature: boolean): string | undefined {
  if (body.temperature === undefined) return undefined;
  if (!takesTemperature) return '`temperature` is deprecated for this model.';
  if (typeof body.temperature !== 'number' || body.temperature < 0 || body.temperature > 1)
    return 'temperature: Input should be less than or equal to 1';
  return undefined;
}

/** Bedrock's Converse: `inferenceConfig` checked by its API model (temperature 0 to 1, maxTokens ≥ 1). */
export function converseParameterError(body: Record<string, unknown>): string | undefined {
  const config = body.inferenceConfig as { temperature?: unknown; maxTokens?: unknown } | undefined;
  if (!config) return undefined;
  if (config.temperature !== undefined && (typeof config.temperature !== 'number' || config.temperature < 0 || config.temperature > 1))
    return "1 validation error detected: Value at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1";
  if (config.maxTokens !== undefined && (typeof config.maxTokens !== 'number' || config.maxTokens < 1))
    return "1 validation error detected: Value at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1";
  return undefined;
}

/**
 * Vertex's Gemini: Gemini 2.5 takes a thinking budget and refuses a thinking level (which Gemini 3
 * introduced); the temperature is 0 to 2. Google spells the fields in snake_case in its messages.
 */
export function geminiParameterError(body: Record<string, unknown>, model: string): string | undefined {
  const config = body.generationConfig as { temperature?: number; thinkingConfig?: { thinkingLevel?: unknown } } | undefined;
  if (!config) return undefined;
  if (config.thinkingConfig?.thinkingLevel !== undefined && /gemini-[12]([.-]|$)/.test(model))
    return 'Unable to submit request because thinking_level is not supported by this model. Learn more: https://cloud.google.com/vertex-ai/generative-ai/docs/thinking';
  if (config.temperature !== undefined && (config.temperature < 0 || config.temperature > 2))
    return 'Unable to submit request because it has a temperature value of 3 but the supported range is from 0 (inclusive) to 2.0001 (exclusive). Update the value and try again.';
  return undefined;
}
