import { PROVIDERS, type ProviderId } from '../../providers/catalog';
import { accountName } from './account-name';
import type { DiscoveryCache } from './discovery';
import { revokeRefreshToken } from './revoke-token';
import type { runSignIn, SignInFlowDeps } from './run-sign-in';
import type { SignInSessionStore } from './sign-in-session';
import type { SignInSource } from './sign-in-source';
import type { SignInStatus } from './sign-in-status';
import type { SignInTarget } from './sign-in-target';
import { t } from '../../i18n/t';

/** The answer to "Sign in" and "Sign out", for the page that asked: never a token. */
export interface SignInResult {
  ok: boolean;
  message: string;
}

/** What the gateway does with a sign-in's access token: cache it, arm its refresh, or forget it all. */
export interface SignInTokenSink {
  adopt(
    provider: ProviderId,
    token: { accessToken: string; obtainedAt: number; expiresAt: number; refreshOn?: number; fingerprint: string },
  ): Promise<void>;
  forget(provider: ProviderId): Promise<void>;
}

export interface SignInServiceDeps {
  target: (provider: ProviderId) => Promise<SignInTarget | undefined>;
  sessions: SignInSessionStore;
  discovery: Pick<DiscoveryCache, 'get'>;
  flow: Omit<SignInFlowDeps, 'metadata'>;
  /**
   * The interactive sign-in (run-sign-in.ts). The worker passes one that first loads the sign-in's
   * own script (lib/background/sign-in.ts, issue 13 §4: a Send never needs it); a failure to load
   * is thrown here and becomes the sign-in's message.
   */
  runSignIn: typeof runSignIn;
  tokens: SignInTokenSink;
  status: (provider: ProviderId, status: SignInStatus | null) => Promise<void>;
  fingerprint: (source: SignInSource) => Promise<string>;
  revoke?: typeof revokeRefreshToken;
  now?: () => number;
}

/**
 * Signs users in and out, in the service worker. A sign-in stores its refresh token first, then
 * hands the access token to the gateway, then tells the pages who signed in; so whatever the
 * worker is stopped between, the gateway never holds a token whose refresh token is lost.
 */
export class SignInService {
  /** One sign-in window per provider: pressing Sign in twice joins the sign-in under way. */
  private inflight = new Map<ProviderId, Promise<SignInResult>>();
  private readonly now: () => number;

  constructor(private readonly deps: SignInServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  signIn(provider: ProviderId): Promise<SignInResult> {
    let pending = this.inflight.get(provider);
    if (!pending) {
      pending = this.run(provider).finally(() => this.inflight.delete(provider));
      this.inflight.set(provider, pending);
    }
    return pending;
  }

  private async run(provider: ProviderId): Promise<SignInResult> {
    const target = await this.deps.target(provider);
    if (!target) return { ok: false, message: notSetUp(provider) };
    try {
      const { tokens, account, metadata, obtainedAt } = await this.deps.runSignIn(target.client, {
        ...this.deps.flow,
        metadata: (issuer) => this.deps.discovery.get(issuer),
        now: this.now,
      });
      const fingerprint = await this.deps.fingerprint(target.source);
      const refreshExpiresAt = tokens.refreshExpiresIn !== undefined ? obtainedAt + tokens.refreshExpiresIn * 1000 : undefined;
      await this.deps.sessions.put(
        provider,
        {
          refreshToken: tokens.refreshToken,
          fingerprint,
          issuer: metadata.issuer,
          clientId: target.client.clientId,
          tokenEndpoint: metadata.tokenEndpoint,
          revocationEndpoint: metadata.revocationEndpoint,
          account,
          signedInAt: obtainedAt,
          refreshExpiresAt,
        },
        target.area,
      );
      const expiresAt = obtainedAt + tokens.expiresIn * 1000;
      await this.deps.tokens.adopt(provider, {
        accessToken: tokens.accessToken,
        obtainedAt,
        expiresAt,
        ...(tokens.refreshIn !== undefined ? { refreshOn: obtainedAt + tokens.refreshIn * 1000 } : {}),
        fingerprint,
      });
      await this.deps.status(provider, {
        name: account.name,
        username: account.username,
        signedInAt: obtainedAt,
        // Without a refresh token the sign-in lasts as long as its access token.
        until: tokens.refreshToken ? refreshExpiresAt : expiresAt,
        kept: target.area === 'local',
      });
      return { ok: true, message: t('signed_in_to', PROVIDERS[provider].label, accountName(account)) };
    } catch (error) {
      return { ok: false, message: (error as Error).message };
    }
  }

  /**
   * Forgets every token of the provider at once, then revokes the refresh token at the provider
   * (RFC 7009) when it offers a revocation endpoint. Signing out never fails here: only the
   * revocation can, and the message says so.
   */
  async signOut(provider: ProviderId): Promise<SignInResult> {
    const session = await this.deps.sessions.get(provider, 'session');
    await this.deps.sessions.remove(provider);
    await this.deps.tokens.forget(provider);
    await this.deps.status(provider, null);
    const label = PROVIDERS[provider].label;
    if (!session?.refreshToken) return { ok: true, message: t('signed_out_of', label) };
    if (!session.revocationEndpoint)
      return {
        ok: true,
        message: t('signed_out_no_revoke', label, session.issuer),
      };
    const problem = await (this.deps.revoke ?? revokeRefreshToken)({
      revocationEndpoint: session.revocationEndpoint,
      clientId: session.clientId,
      refreshToken: session.refreshToken,
    });
    return problem
      ? { ok: true, message: t('signed_out_revoke_failed', label, problem) }
      : { ok: true, message: t('signed_out_revoked', label, session.issuer) };
  }

  /**
   * On worker start: the pages' view of each kept sign-in, which `storage.session` lost if the
   * browser restarted; and no "signed in" left for a sign-in that is gone.
   */
  async restoreStatuses(providers: readonly ProviderId[], current: Partial<Record<ProviderId, SignInStatus>>): Promise<void> {
    for (const provider of providers) {
      const target = await this.deps.target(provider);
      const session = target && (await this.deps.sessions.get(provider, target.area));
      const status = current[provider];
      if (session && !status)
        await this.deps.status(provider, {
          name: session.account.name,
          username: session.account.username,
          signedInAt: session.signedInAt,
          until: session.refreshExpiresAt,
          kept: target.area === 'local',
        });
      else if (!session && status && !status.ended) await this.deps.status(provider, null);
    }
  }
}

function notSetUp(provider: ProviderId): string {
  return t(provider === 'azure-openai' ? 'sign_in_not_set_up_azure' : 'sign_in_not_set_up', PROVIDERS[provider].label);
}

