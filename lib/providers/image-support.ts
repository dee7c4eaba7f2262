import { PROVIDERS, type ProviderId } from './catalog';
import { modelName } from './model-name';
import { t } from '../i18n/t';

/**
 * Whether a model reads images: yes, no, or unknown. Known from each vendor's model documentation
 * by ID family; a model listed here as "no" is refused before anything is sent.
 *
 * Unknown (Azure deployments, which are named by whoever deploys them; OpenAI-compatible servers;
 * IDs that fit no family below) is sent: refusing would lock out every vision model omni-ai has
 * not heard of, and the provider itself answers clearly when a model takes no images, an answer
 * omni-ai passes on with what to do (`imageRejectionHint`).
 */
export type ImageSupport = 'yes' | 'no' | 'unknown';

interface Rule {
  pattern: RegExp;
  support: Exclude<ImageSupport, 'unknown'>;
}

/** First match wins: the exceptions ("no") come before the families they belong to. */
const OPENAI_RULES: Rule[] = [
  // Text-only: GPT-3.5, the first GPT-4 snapshots, o1-mini and o3-mini.
  { pattern: /^(gpt-3\.5|gpt-4-0314|gpt-4-0613|gpt-4-32k|gpt-4$|o1-mini|o1-preview|o3-mini)/, support: 'no' },
  { pattern: /^(gpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo|gpt-5|gpt-6|chatgpt-4o|o1|o3|o4)/, support: 'yes' },
];

/** Every Claude from Claude 3 on reads images; Claude 2 and Instant did not. */
const CLAUDE_RULES: Rule[] = [
  { pattern: /^claude-(2|instant|v2)/, support: 'no' },
  { pattern: /^claude-(\d-(\d-)?(opus|sonnet|haiku)|(opus|sonnet|haiku)-\d)/, support: 'yes' },
];

const BEDROCK_RULES: Rule[] = [
  { pattern: /^anthropic\.claude-(v2|instant)/, support: 'no' },
  { pattern: /^anthropic\.claude-/, support: 'yes' },
  { pattern: /^amazon\.nova-(pro|lite|premier)/, support: 'yes' },
  { pattern: /^amazon\.(nova-micro|titan-text)/, support: 'no' },
  // Llama 3.2 11B and 90B and Llama 4 read images; the smaller 3.2 models and earlier Llamas do not.
  { pattern: /^meta\.llama(3-2-(11|90)b|4-)/, support: 'yes' },
  { pattern: /^meta\.llama/, support: 'no' },
  { pattern: /^mistral\.pixtral/, support: 'yes' },
  { pattern: /^(mistral|cohere|ai21|deepseek)\./, support: 'no' },
];

/** Every Gemini model is multimodal. */
const VERTEX_RULES: Rule[] = [{ pattern: /^gemini-/, support: 'yes' }];

/** Bedrock's cross-region inference profiles route to the model named after their geography prefix. */
const withoutGeography = (id: string) => id.replace(/^(us-gov|us|eu|apac|jp|au|ca|global)\./, '');

function rulesFor(provider: ProviderId): Rule[] {
  switch (provider) {
    case 'openai':
      return OPENAI_RULES;
    case 'anthropic':
      return CLAUDE_RULES;
    case 'bedrock':
      return BEDROCK_RULES;
    case 'vertex':
      return VERTEX_RULES;
    case 'azure-openai':
    case 'openai-compatible':
      return []; // names chosen by whoever deployed or serves them: they say nothing of the model
  }
}

export function imageSupport(provider: ProviderId, model: string): ImageSupport {
  const id = provider === 'bedrock' ? withoutGeography(model) : model;
  return rulesFor(provider).find((rule) => rule.pattern.test(id))?.support ?? 'unknown';
}

/** How the user knows the model: its name, with the ID where the name is not the ID. */
export function describeModel(provider: ProviderId, model: string, name = modelName(provider, model)): string {
  return name === model ? model : `${name} (${model})`;
}

/** Where the images of a refused request are: attached to the message being written, or earlier in the conversation. */
export type ImagesIn = 'draft' | 'conversation';

/**
 * Why a request with images may not go to this model, or undefined when it may: said before
 * anything is sent, naming the model and what to do.
 */
export function imageRefusal(provider: ProviderId, model: string, imagesIn: ImagesIn, name?: string): string | undefined {
  if (imageSupport(provider, model) !== 'no') return undefined;
  const who = `${PROVIDERS[provider].label} · ${describeModel(provider, model, name)}`;
  return imagesIn === 'draft' ? t('images_refused_draft', who) : t('images_refused_conversation', who);
}

/** Added to a provider's refusal of a request with images, when omni-ai could not know beforehand. */
export function imageRejectionHint(model: string): string {
  return ` ${t('images_rejected_hint', model)}`;
}
