import type { GenerationFields, ReasoningFields } from '../settings/schema';

/** The generation settings of one request, as numbers; an absent one is not sent. */
export interface Generation {
  temperature?: number;
  maxOutputTokens?: number;
  reasoningEffort?: 'low' | 'medium' | 'high';
}

const numberOf = (text: string | undefined): number | undefined => {
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
};

/** A provider's generation fields as typed on the options page, read for a request. */
export function generationOf(fields: Partial<GenerationFields & ReasoningFields>): Generation {
  const generation: Generation = {};
  const temperature = numberOf(fields.temperature);
  const maxOutputTokens = numberOf(fields.maxOutputTokens);
  if (temperature !== undefined) generation.temperature = temperature;
  if (maxOutputTokens !== undefined) generation.maxOutputTokens = Math.round(maxOutputTokens);
  if (fields.reasoningEffort) generation.reasoningEffort = fields.reasoningEffort;
  return generation;
}
