import type { ProviderId } from './catalog';
import type { ModelInfo } from './types';

/**
 * The name people know a model by, for the IDs omni-ai can name without asking anyone: Claude and
 * Gemini IDs follow a pattern their vendors keep, Llama IDs on Bedrock too, and a few others are in
 * a table. Anything else is shown by its ID, which is always right. Anthropic's live list brings
 * its own `display_name`, which wins (list-models.ts); OpenAI's API gives none, and its IDs are the
 * names its users know, so OpenAI, Azure deployments and OpenAI-compatible servers show IDs.
 */
export function modelName(provider: ProviderId, id: string): string {
  switch (provider) {
    case 'anthropic':
      return claudeName(id) ?? id;
    case 'bedrock':
      return bedrockName(id) ?? id;
    case 'vertex':
      return geminiName(id) ?? claudeName(id) ?? id;
    default:
      return id;
  }
}

/** The curated or configured models, named from what omni-ai knows of their IDs. */
export function namedModels(provider: ProviderId, ids: readonly string[]): ModelInfo[] {
  return ids.map((id) => ({ id, name: modelName(provider, id) }));
}

const FAMILY: Record<string, string> = { opus: 'Opus', sonnet: 'Sonnet', haiku: 'Haiku' };

/**
 * claude-sonnet-4-5-20250929 → Claude Sonnet 4.5; the older order claude-3-5-haiku-20241022 →
 * Claude Haiku 3.5, as Anthropic's own display names now write it.
 */
function claudeName(id: string): string | undefined {
  const current = /^claude-(opus|sonnet|haiku)-(\d+)(?:-(\d))?(?:-\d{8})?(?:@\d{8})?$/.exec(id);
  if (current) return `Claude ${FAMILY[current[1]!]} ${current[2]}${current[3] ? `.${current[3]}` : ''}`;
  const older = /^claude-(\d)(?:-(\d))?-(opus|sonnet|haiku)(?:-\d{8})?(?:@\d{8})?$/.exec(id);
  if (older) return `Claude ${FAMILY[older[3]!]} ${older[1]}${older[2] ? `.${older[2]}` : ''}`;
  return undefined;
}

/** gemini-2.5-flash-lite → Gemini 2.5 Flash-Lite; gemini-2.0-flash-001 → Gemini 2.0 Flash 001. */
function geminiName(id: string): string | undefined {
  const match = /^gemini-(\d+(?:\.\d+)?)-([a-z0-9-]+)$/.exec(id);
  if (!match) return undefined;
  const words = match[2]!.split('-').map((word) => (/^\d/.test(word) ? word : word[0]!.toUpperCase() + word.slice(1)));
  return `Gemini ${match[1]} ${words.join(' ').replace('Flash Lite', 'Flash-Lite')}`;
}

/** Cross-region inference profiles carry the geography they route within as a prefix. */
const GEOGRAPHY: Record<string, string> = { us: 'US', eu: 'EU', apac: 'APAC', jp: 'Japan', au: 'Australia', ca: 'Canada', 'us-gov': 'US GovCloud', global: 'global' };

const BEDROCK_TABLE: Record<string, string> = {
  'amazon.nova-premier': 'Amazon Nova Premier',
  'amazon.nova-pro': 'Amazon Nova Pro',
  'amazon.nova-lite': 'Amazon Nova Lite',
  'amazon.nova-micro': 'Amazon Nova Micro',
  'mistral.pixtral-large-2502': 'Pixtral Large (25.02)',
  'mistral.mistral-large-2407': 'Mistral Large (24.07)',
  'mistral.mistral-large-2402': 'Mistral Large (24.02)',
  'cohere.command-r-plus': 'Command R+',
  'cohere.command-r': 'Command R',
  'deepseek.r1': 'DeepSeek-R1',
};

/**
 * us.anthropic.claude-sonnet-4-5-20250929-v1:0 → Claude Sonnet 4.5 (US); meta.llama3-2-90b-instruct-v1:0
 * → Llama 3.2 90B Instruct. The version suffix (-v1:0) and the geography prefix are Bedrock's.
 */
function bedrockName(id: string): string | undefined {
  const match = /^(?:(us-gov|us|eu|apac|jp|au|ca|global)\.)?([a-z0-9-]+)\.([a-z0-9.-]+?)(?:-v\d+)?(?::\d+)?$/.exec(id);
  if (!match) return undefined; // an ARN (an application inference profile) says nothing of the model
  const [, geography, vendor, model] = match as unknown as [string, string | undefined, string, string];
  const where = geography ? ` (${GEOGRAPHY[geography]})` : '';
  const name = vendor === 'anthropic' ? claudeName(model) : vendor === 'meta' ? llamaName(model) : BEDROCK_TABLE[`${vendor}.${model}`];
  return name && `${name}${where}`;
}

/** llama3-2-90b-instruct → Llama 3.2 90B Instruct; llama4-scout-17b-instruct → Llama 4 Scout 17B Instruct. */
function llamaName(model: string): string | undefined {
  const match = /^llama(\d)(?:-(\d))?-(?:(scout|maverick)-)?(\d+)b-instruct$/.exec(model);
  if (!match) return undefined;
  const [, major, minor, variant, size] = match;
  return `Llama ${major}${minor ? `.${minor}` : ''}${variant ? ` ${variant[0]!.toUpperCase()}${variant.slice(1)}` : ''} ${size}B Instruct`;
}
