import { t } from '../i18n/t';
import { PROVIDERS, type ProviderId } from '../providers/catalog';
import { credentialFetch } from '../providers/credential-fetch';
import { describeEndpoint } from '../providers/describe-endpoint';
import { AuthError } from './errors';
import { clientCredentialsRequest } from './grants/client-credentials';
import { jwtBearerRequest } from './grants/jwt-bearer';
import { MAX_RATE_LIMIT_WAIT_MS, rateLimitedError } from './rate-limited-error';
import type { RefreshScheduler } from './refresh-alarms';
import type { ProviderStore } from './session-store';
import { TokenClock } from './token-clock';
import { SignInNeeded } from './sign-in/sign-in-needed';
import type { SignInSource } from './sign-in/sign-in-source';
import { requestToken, type TokenEndpointOptions, type TokenRequest, type TokenResponse } from './token-endpoint';
import { fingerprint, type TokenSource } from './token-source';
import type { TokenStatus } from './token-status';
import type { StoredToken } from './token-store';

/** Refresh this long before expiry (google-auth-library's default too). */
export const REFRESH_MARGIN_MS = 5 * 60_000;
/** A token this close to expiry is not handed out even while a refresh is on its way. */
const MIN_REMAINING_MS = 30_000;
/** First retry after a failed background refresh; doubles each time, never past the token's expiry. */
const RETRY_BASE_MS = 30_000;
/** A use is recorded at most this often: the in-use rule is measured in token lifetimes. */
const USE_RECORD_INTERVAL_MS = 60_000;

/**
 * When to refresh a token: 5 minutes before expiry, or half its lifetime when it lives less than 10
 * minutes (so a short-lived token is still used for a while), or when the server asked for it
 * (Entra ID's refresh_in), whichever comes first.
 */
export function refreshAt(token: Pick<StoredToken, 'obtainedAt' | 'expiresAt' | 'refreshOn'>): number {
  const lifetime = token.expiresAt - token.obtainedAt;
  const beforeExpiry = token.expiresAt - Math.min(REFRESH_MARGIN_MS, lifetime / 2);
  return token.refreshOn === undefined ? beforeExpiry : Math.min(token.refreshOn, beforeExpiry);
}

/** Where a provider's tokens come from and the one origin they may be sent to. */
export interface GatewayTarget {
  source: TokenSource;
  /** The provider's configured API origin, e.g. https://contoso.openai.azure.com. */
  apiOrigin: string;
}

/** A token endpoint that answered 429: nothing is asked of it for these credentials before `until`. */
export interface Cooldown {
  until: number;
  fingerprint: string;
}

export interface GatewayDeps {
  /** Reads the provider's current settings; undefined when it is not set up for OAuth2. */
  target: (provider: ProviderId) => Promise<GatewayTarget | undefined>;
  tokens: ProviderStore<StoredToken>;
  /** When a request last needed each provider's token (wall-clock ms). */
  usage: ProviderStore<number>;
  cooldowns: ProviderStore<Cooldown>;
  scheduler: RefreshScheduler;
  status: (provider: ProviderId, patch: TokenStatus | null) => Promise<void>;
  /** The wall clock. */
  now?: () => number;
  /** A clock that never jumps, for this worker's lifetime (performance.now()). */
  monotonic?: () => number;
  random?: () => number;
  tokenEndpoint?: TokenEndpointOptions;
  /**
   * Renews a user sign-in's access token with its refresh token (sign-in/refresh-sign-in.ts), by
   * `request`: the same token endpoint client as every other grant. Called inside the single
   * flight, so a refresh token is never sent twice at once.
   */
  signIn?: (
    provider: ProviderId,
    source: SignInSource,
    fingerprint: string,
    request: (request: TokenRequest) => Promise<TokenResponse>,
  ) => Promise<TokenResponse>;
}

/**
 * The OAuth2 gateway: gets tokens for the enterprise providers, keeps them in session storage,
 * refreshes them ahead of expiry from alarms while the provider is in use, and attaches them to
 * requests for the provider's own origin only. It runs in the service worker; no page ever
 * receives a token.
 */
export class OAuth2Gateway {
  /** One token request at a time per provider and credentials (single flight). */
  private inflight = new Map<string, Promise<StoredToken>>();
  /** Background refreshes failed in a row, for the backoff; a worker restart simply starts over. */
  private failures = new Map<ProviderId, number>();
  private readonly now: () => number;
  private readonly monotonic: () => number;
  private readonly random: () => number;
  private readonly clock: TokenClock;

  constructor(private readonly deps: GatewayDeps) {
    this.now = deps.now ?? Date.now;
    this.monotonic = deps.monotonic ?? (() => performance.now());
    this.random = deps.random ?? Math.random;
    this.clock = new TokenClock(this.now, this.monotonic);
  }

  /** A valid access token: the cached one while it has more than the margin left, else a new one. */
  async getAccessToken(provider: ProviderId): Promise<string> {
    return this.tokenFor(provider, await this.requireTarget(provider));
  }

  /** getAccessToken for a target already read from the settings. Every call is a use of the provider. */
  private async tokenFor(provider: ProviderId, { source }: GatewayTarget): Promise<string> {
    const fp = await fingerprint(source);
    await this.recordUse(provider);
    const cached = await this.usableToken(provider, fp);
    if (cached) {
      const now = this.clock.nowFor(cached);
      if (now < refreshAt(cached)) return cached.accessToken;
      // A background refresh is under way and the current token is still good: don't wait for it.
      if (this.inflight.has(`${provider}:${fp}`) && cached.expiresAt - now > MIN_REMAINING_MS) return cached.accessToken;
    }
    try {
      return (await this.refresh(provider, source, fp, false)).accessToken;
    } catch (error) {
      // The identity provider is failing but the token we hold is still valid: keep using it.
      if (cached && cached.expiresAt - this.clock.nowFor(cached) > MIN_REMAINING_MS) return cached.accessToken;
      throw error;
    }
  }

  /**
   * The alarm's job, done only while the provider is in use (see inUse): an idle provider's token is
   * left to expire, and the alarm is not set again; the next request gets a token on demand. On
   * failure, the old token is kept while it is valid and the refresh is retried with backoff, or at
   * the time a rate-limiting token endpoint gave, so a blip at the identity provider never reaches
   * the chat.
   */
  async refreshInBackground(provider: ProviderId): Promise<void> {
    const target = await this.deps.target(provider);
    if (!target) {
      await this.forget(provider);
      return;
    }
    const fp = await fingerprint(target.source);
    const old = await this.usableToken(provider, fp);
    if (!old || !(await this.inUse(provider, old))) {
      await this.deps.status(provider, { nextRefreshAt: undefined });
      return;
    }
    try {
      await this.refresh(provider, target.source, fp, true);
    } catch (error) {
      const now = this.now();
      // The sign-in ended (invalid_grant): no retry can renew it, only the user signing in again.
      // The access token in hand is used until it expires; then the chat asks to sign in again.
      if (error instanceof SignInNeeded) {
        await this.deps.status(provider, { nextRefreshAt: undefined });
        return;
      }
      if (error instanceof AuthError && error.retryAt !== undefined) {
        // The token endpoint said when (Retry-After): ask again then, and not before.
        await this.deps.scheduler.at(provider, error.retryAt);
        await this.deps.status(provider, { nextRefreshAt: error.retryAt });
        return;
      }
      if (old.expiresAt - this.clock.nowFor(old) <= MIN_REMAINING_MS) return; // the next request will ask, and say why
      const failures = (this.failures.get(provider) ?? 0) + 1;
      this.failures.set(provider, failures);
      const backoff = RETRY_BASE_MS * 2 ** (failures - 1) * (0.5 + this.random());
      const retryAt = Math.min(now + backoff, old.expiresAt - MIN_REMAINING_MS);
      await this.deps.scheduler.at(provider, retryAt);
      await this.deps.status(provider, {
        failures,
        nextRefreshAt: retryAt,
        lastError: (error as Error).message,
        lastErrorAt: now,
      });
    }
  }

  /**
   * A token the gateway did not ask for itself: the access token of a user's interactive sign-in
   * (sign-in/sign-in-service.ts). From here on it is like any other: cached, refreshed by alarm
   * (with the sign-in's refresh token), pinned to the provider's origin.
   */
  async adopt(provider: ProviderId, token: StoredToken): Promise<void> {
    this.clock.issued(token, this.monotonic() - Math.max(0, this.now() - token.obtainedAt));
    await this.deps.tokens.set(provider, token);
    // Signing in is using the provider: its first refresh is made in the background as for any token in use.
    await this.recordUse(provider);
    await this.deps.cooldowns.remove(provider);
    await this.settled(provider, token);
  }

  /** Drops the provider's token (after a 401, or when its credentials are removed). */
  async invalidate(provider: ProviderId): Promise<void> {
    await this.deps.tokens.remove(provider);
  }

  /** On worker start: every stored token still in use gets its refresh alarm back, should it have been lost. */
  async rearm(providers: readonly ProviderId[]): Promise<void> {
    for (const provider of providers) {
      const token = await this.deps.tokens.get(provider);
      if (token && !(await this.deps.scheduler.has(provider)) && (await this.inUse(provider, token)))
        await this.deps.scheduler.at(provider, Math.max(refreshAt(token), this.now() + 1000));
    }
  }

  /**
   * A fetch that adds the provider's bearer token, but only to requests for the provider's
   * configured origin: a request anywhere else is refused before it is sent, and a redirect is never
   * followed (credentialFetch). On a 401 the token is dropped, a new one fetched, and the request
   * sent once more.
   */
  createAuthenticatedFetch(provider: ProviderId, baseFetch: typeof fetch = (...a) => fetch(...a)): typeof fetch {
    const noRedirects = credentialFetch(provider, baseFetch);
    return async (input, init) => {
      // Read once per request: the origin check, the token and a 401 retry all use the same settings.
      const target = await this.requireTarget(provider);
      const { apiOrigin } = target;
      const url = new URL(input instanceof Request ? input.url : String(input));
      if (url.origin !== apiOrigin)
        throw new AuthError(
          'origin',
          t('gateway_wrong_origin', PROVIDERS[provider].label, url.origin, apiOrigin),
        );
      const send = async () => {
        const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
        headers.set('authorization', `Bearer ${await this.tokenFor(provider, target)}`);
        return noRedirects(input, { ...init, headers });
      };
      const response = await send();
      if (response.status !== 401) return response;
      // The token was revoked or rotated early (RFC 6750 §3.1 invalid_token): one fresh try.
      await this.invalidate(provider);
      return send();
    };
  }

  /** A fresh token is in hand (fetched or adopted): failures are forgotten, its refresh is scheduled, the pages see it. */
  private async settled(provider: ProviderId, token: StoredToken): Promise<void> {
    this.failures.delete(provider);
    await this.deps.scheduler.at(provider, refreshAt(token));
    await this.deps.status(provider, {
      expiresAt: token.expiresAt,
      nextRefreshAt: refreshAt(token),
      lastRefreshAt: this.now(),
      lastError: undefined,
      lastErrorAt: undefined,
      failures: 0,
    });
  }

  private async requireTarget(provider: ProviderId): Promise<GatewayTarget> {
    const target = await this.deps.target(provider);
    if (!target)
      throw new AuthError(
        'config',
        t('gateway_not_set_up', PROVIDERS[provider].label),
      );
    return target;
  }

  private async usableToken(provider: ProviderId, fp: string): Promise<StoredToken | undefined> {
    const token = await this.deps.tokens.get(provider);
    return token?.fingerprint === fp ? token : undefined;
  }

  /**
   * A provider is in use while a request needed its token within the last token lifetime, counted
   * back from now (docs/OAUTH2_HYBRID_DESIGN.md, "Background refresh"). A use recorded in the future
   * means the clock went back: not counted, so the worst case is one request that waits for a token.
   */
  private async inUse(provider: ProviderId, token: StoredToken): Promise<boolean> {
    const lastUse = await this.deps.usage.get(provider);
    if (lastUse === undefined || lastUse > this.now()) return false;
    return this.clock.nowFor(token) - lastUse <= token.expiresAt - token.obtainedAt;
  }

  private async recordUse(provider: ProviderId): Promise<void> {
    const now = this.now();
    const last = await this.deps.usage.get(provider);
    if (last !== undefined && last <= now && now - last < USE_RECORD_INTERVAL_MS) return;
    await this.deps.usage.set(provider, now);
  }

  private refresh(provider: ProviderId, source: TokenSource, fp: string, force: boolean): Promise<StoredToken> {
    const key = `${provider}:${fp}`;
    let pending = this.inflight.get(key);
    if (!pending) {
      pending = this.fetchToken(provider, source, fp, force).finally(() => this.inflight.delete(key));
      this.inflight.set(key, pending);
    }
    return pending;
  }

  private async fetchToken(provider: ProviderId, source: TokenSource, fp: string, force: boolean): Promise<StoredToken> {
    // Another caller may have stored a fresh token between our cache check and now.
    const fresh = await this.usableToken(provider, fp);
    if (!force && fresh && this.clock.nowFor(fresh) < refreshAt(fresh)) return fresh;
    try {
      const startedAt = this.now();
      const cooldown = await this.deps.cooldowns.get(provider);
      // After a 429, nothing is asked of the token endpoint before the time it gave (RFC 6585 §4).
      if (
        cooldown?.fingerprint === fp &&
        startedAt < cooldown.until &&
        cooldown.until - startedAt <= MAX_RATE_LIMIT_WAIT_MS // further away: the clock went back
      )
        throw rateLimitedError(describeEndpoint(tokenEndpointOf(source)), cooldown.until, startedAt);
      const monotonicAtRequest = this.monotonic();
      const request = (r: TokenRequest) => requestToken(r, { now: this.now, ...this.deps.tokenEndpoint });
      let response: TokenResponse;
      if (source.grant === 'refresh_token') {
        if (!this.deps.signIn) throw new AuthError('config', t('gateway_no_sign_in', PROVIDERS[provider].label));
        response = await this.deps.signIn(provider, source, fp, request);
      } else
        response = await request(
          source.grant === 'client_credentials'
            ? clientCredentialsRequest(source)
            : await jwtBearerRequest(source, Math.floor(startedAt / 1000)),
        );
      // Measured from when we asked, so network time never makes us think a token lives longer.
      const token: StoredToken = {
        accessToken: response.accessToken,
        obtainedAt: startedAt,
        expiresAt: startedAt + response.expiresIn * 1000,
        ...(response.refreshIn !== undefined ? { refreshOn: startedAt + response.refreshIn * 1000 } : {}),
        fingerprint: fp,
      };
      this.clock.issued(token, monotonicAtRequest);
      await this.deps.tokens.set(provider, token);
      if (cooldown) await this.deps.cooldowns.remove(provider);
      await this.settled(provider, token);
      return token;
    } catch (error) {
      if (error instanceof AuthError && error.kind === 'rate-limit' && error.retryAt !== undefined)
        await this.deps.cooldowns.set(provider, { until: error.retryAt, fingerprint: fp });
      await this.deps.status(provider, { lastError: (error as Error).message, lastErrorAt: this.now() });
      throw error;
    }
  }

  /** Forgets everything about the provider's token: the token, its use, its cooldown, its alarm, its status (also on Sign out). */
  async forget(provider: ProviderId): Promise<void> {
    await this.deps.tokens.remove(provider);
    await this.deps.usage.remove(provider);
    await this.deps.cooldowns.remove(provider);
    await this.deps.scheduler.clear(provider);
    await this.deps.status(provider, null);
  }
}

/** Where a source's tokens come from, to name it: a sign-in's token endpoint is its issuer's. */
function tokenEndpointOf(source: TokenSource): string {
  return source.grant === 'refresh_token' ? source.issuer : source.tokenEndpoint;
}
