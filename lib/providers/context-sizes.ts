/**
 * How many tokens of input a model takes, known from its name alone (issue 13 target 2: a
 * 1,000-message conversation is 150,000+ tokens, more than many models take, and the provider
 * refuses the whole request). The worker's context budget (lib/chat/context-budget.ts) keeps a
 * request's turns within it. Sizes are the providers' own documentation, checked 2026-11-29:
 *
 * - Anthropic, "Context windows" (platform.claude.com/docs/en/build-with-claude/context-windows):
 *   a 1M-token window for Fable and Mythos, Opus 4.6 and later, Sonnet 4.6 and later, Haiku 5.5;
 *   "other Claude models, including Claude Sonnet 4.5, have a 200k-token context window".
 * - OpenAI, the model pages (developers.openai.com/api/docs/models/<model>): GPT-6.x and GPT-5.4/5.5
 *   have a 1,050,000-token window of which 922,000 input; GPT-5 to 5.3 and the 5.4 mini and nano
 *   400,000 (272,000 input); the "-chat" variants 128,000; GPT-4.1 1,047,576; GPT-4o and GPT-4
 *   Turbo 128,000; the o-series 200,000; GPT-4 8,192; GPT-3.5 Turbo 16,385.
 * - Google, Gemini models on Vertex AI: 1,048,576 input tokens (Gemini 1.5 Pro and later).
 * - Amazon Nova on Bedrock: Pro and Lite 300,000, Micro 128,000.
 *
 * Names are matched anywhere after a separator, so Bedrock's "us.anthropic.claude-sonnet-4-5-…",
 * LiteLLM's "openai/gpt-5.5" and an Azure deployment named "prod-gpt-4o" are recognised; the first
 * rule that matches wins, so the more specific come first. Open-weight families (Llama, Qwen,
 * Mistral…) are not listed: what a server takes of them is the server's setting (Ollama's
 * `num_ctx`, vLLM's `--max-model-len`), not the model's.
 */

/** A model family: its name as a pattern, the input tokens it takes. */
type Rule = readonly [pattern: RegExp, tokens: number];

/** The family's name starts the ID or follows a separator ("us.anthropic.", "openai/", "prod-"). */
const family = (name: string) => new RegExp(`(?:^|[./:_-])${name}`);

const RULES: readonly Rule[] = [
  // Anthropic.
  [family('claude-(?:fable|mythos)'), 1_000_000],
  [family('claude-(?:opus|sonnet)-(?:[5-9]|4-(?:[6-9]|1\\d))(?!\\d)'), 1_000_000],
  [family('claude-haiku-(?:5-(?:[5-9])|[6-9])(?!\\d)'), 1_000_000],
  [family('claude'), 200_000],
  // OpenAI: the 1.05M-token models take 922,000 of it as input, the 400,000-token ones 272,000.
  [family('gpt-(?:\\d+(?:\\.\\d+)?-)?chat'), 128_000],
  [family('gpt-5\\.4-(?:mini|nano)'), 272_000],
  [family('gpt-(?:[6-9]|5\\.[4-9])'), 922_000],
  [family('gpt-5'), 272_000],
  [family('gpt-4\\.1'), 1_047_576],
  [family('gpt-4o'), 128_000],
  [family('gpt-4-turbo'), 128_000],
  [family('gpt-4(?![\\d.o])'), 8_192],
  [family('gpt-3\\.5-turbo'), 16_385],
  [family('gpt-35-turbo'), 16_385], // Azure's name for it
  [family('o[1-9](?:-|$)'), 200_000],
  // Google.
  [family('gemini-'), 1_048_576],
  // Amazon.
  [family('nova-micro'), 128_000],
  [family('nova-'), 300_000],
];

/**
 * For a model omni-ai does not know: an OpenAI-compatible server's own model, an Azure deployment
 * with a name of its own. 32,768 is the native window of the smallest current open-weight families
 * served that way (Qwen3's dense models, Mistral Small; Llama 3.1+, Gemma 3 and gpt-oss take 128k),
 * so a request within it is not refused by a vLLM or LM Studio serving any of them at their native
 * length, and a conversation longer than that loses its oldest turns with a note saying so, never
 * the request. A larger guess would make long conversations on such a server fail outright
 * (vLLM: "This model's maximum context length is … tokens"); a server set smaller than this (Ollama's
 * default `num_ctx` is 4,096, which it truncates to itself) is not helped by any default.
 */
export const DEFAULT_CONTEXT_TOKENS = 32_768;

/** The input tokens a model takes, or the default for a name no rule knows. */
export function contextTokens(model: string): number {
  const id = model.toLowerCase();
  for (const [pattern, tokens] of RULES) if (pattern.test(id)) return tokens;
  return DEFAULT_CONTEXT_TOKENS;
}
