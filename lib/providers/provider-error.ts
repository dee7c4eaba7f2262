import { PROVIDERS, type ProviderId } from './catalog';
import { describeEndpoint } from './describe-endpoint';
import { retryAfterSeconds } from './retry-after-seconds';
import { t } from '../i18n/t';

/**
 * One error type for every provider, by what the user can do about it (anthropic-sdk's error
 * classes by status; vercel/ai's APICallError). Plain fields, so it crosses a port as data.
 */
export type ProviderErrorKind =
  | 'auth'
  | 'forbidden'
  | 'not-found'
  | 'rate-limit'
  | 'server'
  | 'bad-request'
  | 'content-filter'
  | 'network'
  | 'config'
  | 'redirect';

export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly kind: ProviderErrorKind,
    message: string,
    readonly status?: number,
    /** Seconds to wait, from Retry-After, on a 429. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }

  get retryable(): boolean {
    return this.kind === 'rate-limit' || this.kind === 'server' || this.kind === 'network';
  }
}

/** The vendor's own words from an error body: OpenAI/Azure, Anthropic, Vertex and Bedrock shapes. */
export function vendorMessage(text: string): string | undefined {
  try {
    // { error: { message } } (OpenAI, Azure, Google), { type: 'error', error: { message } } (Anthropic),
    // { message } or { Message } (AWS), and an SDK's parsed body wrapped once more in { error }.
    let body = JSON.parse(text) as Record<string, unknown>;
    for (let depth = 0; depth < 3; depth++) {
      for (const key of ['message', 'Message', 'detail']) if (typeof body[key] === 'string') return body[key] as string;
      if (typeof body.error === 'string') return body.error;
      if (typeof body.error !== 'object' || body.error === null) break;
      body = body.error as Record<string, unknown>;
    }
  } catch {
    // not JSON
  }
  const plain = text.trim();
  return plain && !plain.startsWith('<') ? plain.slice(0, 300) : undefined;
}

/** What to check, per status, for this provider; `what` names the model or deployment asked for. */
export function providerErrorFromStatus(
  provider: ProviderId,
  status: number,
  text: string,
  retryAfterHeader: string | null,
  what = t('what_the_model'),
): ProviderError {
  const label = PROVIDERS[provider].label;
  const said = vendorMessage(text);
  // The vendor's own words, as a sentence of their own after omni-ai's.
  const server = said ? ` ${t('provider_said', label, said)}` : '';
  const credentials = PROVIDERS[provider].kind === 'enterprise' ? t('provider_credentials_enterprise') : t('provider_credentials_key');
  if (/content.?filter|content_policy|responsibleaipolicy|safety/i.test(text) && status === 400)
    return new ProviderError('content-filter', t('provider_filter', label, server), status);
  switch (true) {
    case status === 401:
      return new ProviderError('auth', t('provider_401', label, server, credentials), status);
    case status === 403:
      return new ProviderError('forbidden', t('provider_403', label, server, what), status);
    case status === 404:
      return new ProviderError('not-found', t('provider_404', label, server, what), status);
    case status === 429: {
      const retryAfter = retryAfterSeconds(retryAfterHeader);
      const wait = ` ${retryAfter !== undefined ? t('provider_retry_in', retryAfter) : t('provider_wait')}`;
      return new ProviderError('rate-limit', t('provider_429', label, `${server}${wait}`), status, retryAfter);
    }
    case status >= 500:
      return new ProviderError('server', t('provider_5xx', label, String(status), server), status);
    default:
      return new ProviderError('bad-request', t('provider_4xx', label, String(status), server), status);
  }
}

export async function providerErrorFromResponse(provider: ProviderId, response: Response, what?: string): Promise<ProviderError> {
  return providerErrorFromStatus(provider, response.status, await response.text(), response.headers.get('retry-after'), what);
}

export function networkError(provider: ProviderId, url: string, cause: Error): ProviderError {
  return new ProviderError(
    'network',
    t('provider_unreachable', PROVIDERS[provider].label, new URL(url).origin, cause.message),
  );
}

/**
 * A request carrying the user's credentials was answered with a redirect, which omni-ai does not
 * follow (see credential-fetch.ts). Says where, and which field to correct.
 */
export function redirectRefused(provider: ProviderId, url: string): ProviderError {
  const { label, endpointField } = PROVIDERS[provider];
  return new ProviderError(
    'redirect',
    t('provider_redirect', label, describeEndpoint(url), endpointField === 'Endpoint' ? t('field_endpoint') : t('field_base_url')),
  );
}
