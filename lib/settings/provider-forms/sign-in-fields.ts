import type { Draft, FieldSpec } from '../field-spec';
import type { SignInFields } from '../schema';
import { t } from '../../i18n/t';

export const SIGN_IN_DEFAULTS: SignInFields = { issuer: '', keepSignedIn: false };

/** The "Authentication" option for user sign-in (issue 11 §2). */
export const signInOption = () => ({ value: 'sign-in', label: t('auth_sign_in') }) as const;

export const inSignInMode = (draft: Draft) => draft.auth === 'sign-in';

/** The Issuer: the URL before /.well-known/openid-configuration. */
export function issuerField<C extends SignInFields>(over: Partial<FieldSpec<C>> = {}): FieldSpec<C> {
  return {
    key: 'issuer',
    label: t('field_issuer'),
    kind: 'url',
    required: true,
    showIf: inSignInMode,
    placeholder: 'https://login.example.com/oauth2/default',
    help: t('help_issuer'),
    ...over,
  };
}

/** Where the refresh token is kept; policy can force it either way (docs/POLICY.md, keepSignedIn). */
export function keepSignedInField<C extends SignInFields>(): FieldSpec<C> {
  return {
    key: 'keepSignedIn',
    label: t('field_keep_signed_in'),
    kind: 'checkbox',
    showIf: inSignInMode,
    help: t('help_keep_signed_in'),
  };
}
