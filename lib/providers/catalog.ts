/**
 * The providers omni-ai knows, in the order the "Provider" combobox lists them, and what the UI needs
 * to know about each before any network call: its label, whether its credentials are an API key
 * ("standard") or an OAuth2 token from the gateway ("enterprise").
 */
export const PROVIDER_IDS = [
  'openai',
  'anthropic',
  'azure-openai',
  'bedrock',
  'vertex',
  'openai-compatible',
] as const;

export type ProviderId = (typeof PROVIDER_IDS)[number];

export type ProviderKind = 'standard' | 'enterprise';

export interface ProviderInfo {
  id: ProviderId;
  /** The accessible name of its option in the "Provider" combobox (DESIGN.md). */
  label: string;
  kind: ProviderKind;
  /** The options field holding the URL its API calls go to, named in messages about that URL. */
  endpointField: 'Base URL' | 'Endpoint';
}

export const PROVIDERS: Record<ProviderId, ProviderInfo> = {
  openai: { id: 'openai', label: 'OpenAI', kind: 'standard', endpointField: 'Base URL' },
  anthropic: { id: 'anthropic', label: 'Anthropic', kind: 'standard', endpointField: 'Base URL' },
  'azure-openai': { id: 'azure-openai', label: 'Azure OpenAI', kind: 'enterprise', endpointField: 'Endpoint' },
  bedrock: { id: 'bedrock', label: 'AWS Bedrock', kind: 'enterprise', endpointField: 'Endpoint' },
  vertex: { id: 'vertex', label: 'Google Vertex AI', kind: 'enterprise', endpointField: 'Base URL' },
  'openai-compatible': { id: 'openai-compatible', label: 'OpenAI-compatible', kind: 'standard', endpointField: 'Base URL' },
};

export function isProviderId(value: unknown): value is ProviderId {
  return typeof value === 'string' && (PROVIDER_IDS as readonly string[]).includes(value);
}
