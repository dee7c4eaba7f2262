import type { Draft, FieldSpec } from '../field-spec';
import type { SignInFields } from '../schema';

export const SIGN_IN_DEFAULTS: SignInFields = { issuer: '', keepSignedIn: false };

/** The "Authentication" option for user sign-in (issue 11 §2). */
export const SIGN_IN_OPTION = { value: 'sign-in', label: "Sign in (your organisation's account)" } as const;

export const inSignInMode = (draft: Draft) => draft.auth === 'sign-in';

/** The Issuer: the URL before /.well-known/openid-configuration. */
export function issuerField<C extends SignInFields>(over: Partial<FieldSpec<C>> = {}): FieldSpec<C> {
  return {
    key: 'issuer',
    label: 'Issuer',
    kind: 'url',
    required: true,
    showIf: inSignInMode,
    placeholder: 'https://login.example.com/oauth2/default',
    help: 'Your organisation’s OpenID Connect issuer (Okta, Auth0, Keycloak, Ping, Entra ID…): the URL before /.well-known/openid-configuration.',
    ...over,
  };
}

/** Where the refresh token is kept; policy can force it either way (docs/POLICY.md, keepSignedIn). */
export function keepSignedInField<C extends SignInFields>(): FieldSpec<C> {
  return {
    key: 'keepSignedIn',
    label: 'Stay signed in after the browser closes',
    kind: 'checkbox',
    showIf: inSignInMode,
    help: 'Keeps your sign-in on this computer’s disk instead of in memory only, so you need not sign in after each browser restart.',
  };
}
