import type { ProviderId } from '../../providers/catalog';
import { signInIssuer } from '../../providers/endpoints';
import type { OAuthClientFields, SettingsData, SignInFields } from '../../settings/schema';
import type { SignInClient } from './authorization-request';
import type { SessionArea } from './sign-in-session';
import type { SignInSource } from './sign-in-source';

/** A provider set up for user sign-in, as the sign-in flow and the gateway need it. */
export interface SignInTarget {
  client: SignInClient;
  source: SignInSource;
  /** Where its refresh token is kept: "Stay signed in after the browser closes" (or policy's keepSignedIn). */
  area: SessionArea;
}

type SignInConfig = OAuthClientFields & SignInFields & { auth: string; tenantId?: string };

/** The provider's sign-in settings; undefined unless it is set to sign in, with an issuer and a client. */
export function signInTarget(provider: ProviderId, settings: Pick<SettingsData, 'providers'>): SignInTarget | undefined {
  if (provider !== 'azure-openai' && provider !== 'bedrock' && provider !== 'vertex') return undefined;
  const config: SignInConfig = settings.providers[provider];
  const issuer = signInIssuer(config);
  if (config.auth !== 'sign-in' || !issuer || !config.clientId) return undefined;
  const client = { issuer, clientId: config.clientId, scope: config.scope };
  return { client, source: { grant: 'refresh_token', ...client }, area: config.keepSignedIn ? 'local' : 'session' };
}
