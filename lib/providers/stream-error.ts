import { AuthError } from '../auth/errors';
import { SignInNeeded } from '../auth/sign-in/sign-in-needed';
import { PROVIDERS, type ProviderId } from './catalog';
import { ProviderError, providerErrorFromStatus } from './provider-error';
import type { StreamError } from './types';
import { t } from '../i18n/t';

interface SdkApiError {
  status?: number;
  headers?: Headers | Record<string, string>;
  error?: unknown;
  message: string;
}

function header(headers: SdkApiError['headers'], name: string): string | null {
  if (!headers) return null;
  if (headers instanceof Headers) return headers.get(name);
  return headers[name] ?? null;
}

/**
 * Any failure during a chat request as the user should read it: what failed and what to do. It
 * knows the official SDKs' APIError (status, headers, parsed body), the gateway's AuthError, our
 * ProviderError, an abort, and a connection that dropped.
 */
export function toStreamError(provider: ProviderId, error: unknown, signal: AbortSignal, what?: string): StreamError {
  const label = PROVIDERS[provider].label;
  if (signal.aborted) return { kind: 'aborted', message: 'Stopped.' };
  const auth = error instanceof AuthError ? error : (error as { cause?: unknown })?.cause;
  if (auth instanceof SignInNeeded) return { kind: 'sign-in', message: auth.message, again: auth.again };
  if (error instanceof AuthError) return { kind: 'auth-gateway', message: error.message };
  if (error instanceof ProviderError)
    return { kind: error.kind, message: error.message, status: error.status, retryAfter: error.retryAfter };
  const e = error as SdkApiError & { name?: string; cause?: unknown };
  if (typeof e?.status === 'number') {
    const body = e.error !== undefined ? JSON.stringify({ error: e.error }) : e.message;
    const mapped = providerErrorFromStatus(provider, e.status, body, header(e.headers, 'retry-after'), what);
    return { kind: mapped.kind, message: mapped.message, status: mapped.status, retryAfter: mapped.retryAfter };
  }
  // The SDKs wrap what their fetch threw in a connection error: the gateway's, or a refused redirect.
  if (e?.cause instanceof AuthError) return { kind: 'auth-gateway', message: e.cause.message };
  if (e?.cause instanceof ProviderError) return { kind: e.cause.kind, message: e.cause.message };
  return {
    kind: 'network',
    message: e?.message ? t('stream_failed_detail', label, e.message) : t('stream_failed', label),
  };
}
