import { PROVIDER_IDS, PROVIDERS, isProviderId, type ProviderId } from '../../providers/catalog';

/**
 * Who may receive page text, as policy names it: a provider (whatever endpoint it is configured
 * with), or an endpoint origin (whichever provider is configured to send there).
 */
export type Recipient = { kind: 'provider'; provider: ProviderId } | { kind: 'endpoint'; origin: string };

/** Where a request with page text would go: the provider, and the origin of its API endpoint. */
export interface RequestTarget {
  provider: ProviderId;
  /** Undefined when the provider has no usable endpoint configured (it cannot match an origin). */
  endpoint?: string;
}

export type RecipientResult = { ok: true; recipient: Recipient } | { ok: false; message: string };

/** Parses one recipient; the message names the entry and says what is expected. */
export function parseRecipient(raw: string): RecipientResult {
  const source = raw.trim();
  if (isProviderId(source)) return { ok: true, recipient: { kind: 'provider', provider: source } };
  const expected = `a provider ID (${PROVIDER_IDS.join(', ')}) nor an endpoint origin such as https://llm.intranet.example.com`;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { ok: false, message: `“${source}” is neither ${expected}.` };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `“${source}” is neither ${expected}.` };
  // An origin is where requests go; a path, a query or a user name would suggest a narrower match
  // than the one made, so they are refused rather than ignored.
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== ''))
    return { ok: false, message: `“${source}” must be an origin only (scheme, host and port), like https://llm.intranet.example.com, with no path.` };
  return { ok: true, recipient: { kind: 'endpoint', origin: url.origin } };
}

/** The origin of an endpoint URL as the URL parser normalises it, or undefined when it has none. */
export function originOf(url: string): string | undefined {
  try {
    const { protocol, origin } = new URL(url);
    return protocol === 'https:' || protocol === 'http:' ? origin : undefined;
  } catch {
    return undefined;
  }
}

export function recipientMatches(recipient: Recipient, target: RequestTarget): boolean {
  return recipient.kind === 'provider' ? recipient.provider === target.provider : recipient.origin === target.endpoint;
}

/** A recipient in words, for messages: “Azure OpenAI”, “https://llm.intranet.example.com”. */
export function describeRecipient(recipient: Recipient): string {
  return recipient.kind === 'provider' ? PROVIDERS[recipient.provider].label : recipient.origin;
}

/** A request's target in words: “OpenAI (https://api.openai.com)”. */
export function describeTarget(target: RequestTarget): string {
  const label = PROVIDERS[target.provider].label;
  return target.endpoint ? `${label} (${target.endpoint})` : label;
}
