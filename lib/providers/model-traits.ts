/**
 * What a model takes, known from its ID alone. Only the few rules that decide whether a setting is
 * sent; anything not recognised is assumed to take everything, and if it refuses a setting the
 * user gets the provider's words and the name of the field to change (parameter-hint.ts).
 */

/** The model ID without a router's prefix ("openai/gpt-5" on LiteLLM, "azure/o3-mini"). */
const lastSegment = (model: string) => model.slice(model.lastIndexOf('/') + 1).toLowerCase();

/**
 * OpenAI's reasoning models: the o-series (o1, o3-mini, o4-mini…) and GPT-5 and later, but not the
 * "-chat" variants. They refuse any temperature but the default ("Unsupported value: 'temperature'
 * does not support 0.7 with this model. Only the default (1) value is supported.") and take a
 * reasoning effort. Azure deployments and compatible servers are matched by the same names.
 */
export function isOpenAIReasoningModel(model: string): boolean {
  const id = lastSegment(model);
  if (/^o\d+(-|$)/.test(id)) return true;
  const gpt = /^gpt-(\d+)/.exec(id);
  return !!gpt && Number(gpt[1]) >= 5 && !id.includes('-chat');
}

/**
 * Claude models released after Opus 4.6 (Opus 4.7 and 4.8, the 5 family, Fable, Mythos) refuse the
 * temperature outright: "`temperature` is deprecated for this model." Older ones take 0 to 1.
 * Bedrock's IDs ("us.anthropic.claude-sonnet-4-5-20250929-v1:0") carry the same name.
 */
export function isClaudeWithoutTemperature(model: string): boolean {
  // The minor version is one or two digits: "claude-opus-4-20250514" is Opus 4 with a date.
  const match = /claude-(opus|sonnet|haiku|fable|mythos)-(?:(\d+)(?:-(\d{1,2})(?!\d))?)?/.exec(model.toLowerCase());
  if (!match) return false;
  const [, family, major, minor] = match;
  if (family === 'fable' || family === 'mythos') return true;
  const version = Number(major ?? 0) + Number(minor ?? 0) / 100;
  return version > 4.06;
}
