import type { ProviderId } from '../providers/catalog';

/**
 * The shape of omni-ai's settings as stored in `storage.local` (key SETTINGS_KEY). Bump
 * SETTINGS_VERSION when the shape changes and add a step to `migrations.ts`.
 */
export const SETTINGS_KEY = 'omni-ai:settings';
export const SETTINGS_VERSION = 1;

/** How an OAuth2 client authenticates to the token endpoint (RFC 6749 §2.3.1). */
export type ClientAuthMethod = 'basic' | 'body';

/** The client-credentials fields every enterprise provider shares. */
export interface OAuthClientFields {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** Sent as `audience` (Auth0, Okta and most gateways) when set. */
  audience: string;
  /** Sent as `resource` (RFC 8707; Entra ID v1 endpoints) when set. */
  resource: string;
  clientAuth: ClientAuthMethod;
}

/** How hard a reasoning model thinks: empty for the model's own default. */
export type ReasoningEffortSetting = '' | 'low' | 'medium' | 'high';

/**
 * Generation settings, as typed on the options page (so an empty field means "not sent: the
 * model's own default"); lib/providers/generation.ts reads them into numbers for a request, and
 * each adapter sends them in its provider's own format.
 */
export interface GenerationFields {
  /** e.g. "0.7"; empty: not sent. */
  temperature: string;
  /** A whole number of tokens, e.g. "4096"; empty: not sent (Anthropic requires it). */
  maxOutputTokens: string;
}

/**
 * For providers whose model names do not say how much a model reads: a server's own models
 * (OpenAI-compatible), Azure deployment names, Bedrock inference-profile ARNs. Empty: omni-ai's
 * table of known families (lib/providers/context-sizes.ts), 32,768 for a name it does not know.
 */
export interface ContextFields {
  /** A whole number of input tokens, e.g. "8192" for Ollama's num_ctx; empty: from the model's name. */
  contextTokens: string;
}

/** For providers whose API has a reasoning-effort setting (not Bedrock's Converse). */
export interface ReasoningFields {
  reasoningEffort: ReasoningEffortSetting;
}

/**
 * User sign-in (authorization code + PKCE through the browser's sign-in window): the fields shared
 * by every provider that offers it. The Client ID and Scope are OAuthClientFields' own.
 */
export interface SignInFields {
  /** The OpenID Connect issuer, e.g. https://contoso.okta.com; for Entra ID, filled from the tenant. */
  issuer: string;
  /** Keep the refresh token in storage.local across browser restarts, instead of storage.session. */
  keepSignedIn: boolean;
}

export interface OpenAIConfig extends GenerationFields, ReasoningFields {
  apiKey: string;
  /** A proxy in front of the OpenAI API; empty means https://api.openai.com/v1. */
  baseURL: string;
}

export interface AnthropicConfig extends GenerationFields, ReasoningFields {
  apiKey: string;
  /** A proxy in front of the Anthropic API; empty means https://api.anthropic.com. */
  baseURL: string;
}

export interface OpenAICompatibleConfig extends GenerationFields, ReasoningFields, ContextFields {
  baseURL: string;
  apiKey: string;
  headers: Record<string, string>;
  models: string[];
}

export interface AzureOpenAIConfig extends OAuthClientFields, SignInFields, GenerationFields, ReasoningFields, ContextFields {
  endpoint: string;
  apiVersion: string;
  /** Deployment names: Azure routes by deployment, not by model name. */
  models: string[];
  auth: 'oauth2' | 'api-key' | 'sign-in';
  apiKey: string;
  /** The Entra ID tenant (GUID or domain); the issuer is https://login.microsoftonline.com/<tenant>/v2.0. */
  tenantId: string;
}

export interface BedrockConfig extends OAuthClientFields, SignInFields, GenerationFields, ContextFields {
  region: string;
  /** A gateway in front of Bedrock; empty means the regional bedrock-runtime endpoint. */
  endpoint: string;
  /** Model IDs and inference profile IDs or ARNs. */
  models: string[];
  auth: 'oauth2' | 'api-key' | 'sign-in';
  apiKey: string;
}

export interface VertexConfig extends OAuthClientFields, SignInFields, GenerationFields, ReasoningFields {
  projectId: string;
  location: string;
  /** A private gateway; empty means Google's regional aiplatform endpoint. */
  baseURL: string;
  models: string[];
  auth: 'service-account' | 'oauth2' | 'sign-in';
  serviceAccountKey: string;
}

export interface ProviderConfigs {
  openai: OpenAIConfig;
  anthropic: AnthropicConfig;
  'azure-openai': AzureOpenAIConfig;
  bedrock: BedrockConfig;
  vertex: VertexConfig;
  'openai-compatible': OpenAICompatibleConfig;
}

/** The user's own rules for page text (issue 16); the organization's policy may add its own on top. */
export interface PageTextSettings {
  /** Match patterns; when not empty, only pages they cover may be read. */
  allowedSites: string[];
  /** Match patterns of pages never read; wins over allowedSites. */
  blockedSites: string[];
  /** Keep a local list of the page text sent (date, site, provider, characters; never the text). */
  keepLog: boolean;
}

/** Where a quick-action prompt is offered: on selected text, on a page (nothing selected), or both. */
export type PromptWhere = 'selection' | 'page' | 'both';

/**
 * A quick-action prompt: a title (the menu item and the picker's option) and a template, the request
 * it makes, with placeholders (prompts/placeholders.ts). Page text never goes into the template:
 * it travels apart, framed as untrusted content (lib/chat/quick-request.ts).
 */
export interface PromptDefinition {
  title: string;
  template: string;
  where: PromptWhere;
}

/** A prompt the user added on the options page. */
export interface UserPrompt extends PromptDefinition {
  id: string;
}

/** What the user changed of a built-in prompt; what is absent is the built-in's own. */
export interface BuiltInPromptChange {
  title?: string;
  template?: string;
  hidden?: boolean;
}

/** The user's quick actions: changes to the built-in prompts (by ID), and their own prompts. */
export interface PromptSettings {
  builtIn: Record<string, BuiltInPromptChange>;
  custom: UserPrompt[];
}

/** Everything that is persisted. */
export interface SettingsData {
  provider: ProviderId;
  /**
   * Whether the user picked `provider` in the "Provider" combobox, rather than keeping the built-in
   * default: an organisation's `defaultProvider` replaces only a provider nobody picked
   * (docs/POLICY.md). Additive, so no new version: data stored without it is read by parse-stored.ts.
   */
  providerChosen: boolean;
  /** The model last chosen for each provider, so switching back restores it. */
  selectedModels: Partial<Record<ProviderId, string>>;
  providers: ProviderConfigs;
  /** Sent as the system prompt with every conversation; empty for none. */
  systemPrompt: string;
  /** How many characters of a page go with a message (the rest is cut, with a note). */
  pageBudget: number;
  /** Additive, so no new version: data stored without it is read by parse-stored.ts. */
  pageText: PageTextSettings;
  /**
   * Quick actions (issue 14 §1). Additive, like providerChosen: data stored without it reads as no
   * change (parse-stored.ts), so no new version.
   */
  prompts: PromptSettings;
  /** What `{{language}}` says in a prompt; empty for the browser's UI language. */
  promptLanguage: string;
  /**
   * Things the user should know about their stored settings (a reset after corrupt data, a
   * migration). Persisted so that whichever page is open shows them until dismissed.
   */
  notices: string[];
}
