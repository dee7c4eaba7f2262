import type { ProviderId } from './catalog';
import { isRedirect } from './is-redirect';
import { redirectRefused } from './provider-error';
import { markOnce } from '../timed-step';

/**
 * The fetch for every request that carries a credential to a provider (an API key in
 * `Authorization`, `x-api-key`, `api-key` or a custom header, or the gateway's bearer token). It
 * never follows a redirect: browsers drop only `Authorization` when a redirect crosses origins
 * (Fetch standard, HTTP-redirect fetch), so `x-api-key`, `api-key` and custom headers would go
 * wherever the redirect points. Same-origin redirects are refused too, because a service worker
 * cannot tell them apart: with `redirect: 'manual'` it gets an opaque-redirect response, without
 * status or Location (docs/OAUTH2_HYBRID_DESIGN.md, "Redirects"). A refused redirect is a
 * ProviderError that names the provider, the URL and the field to correct.
 */
export function credentialFetch(provider: ProviderId, baseFetch: typeof fetch = (...args) => fetch(...args)): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    markOnce('fetch-start'); // the request leaves: the cold-worker bench's last step (issue 13 §4)
    const response = await baseFetch(input, { ...init, redirect: 'manual' });
    if (!isRedirect(response)) return response;
    await response.body?.cancel().catch(() => undefined);
    throw redirectRefused(provider, url);
  };
}
