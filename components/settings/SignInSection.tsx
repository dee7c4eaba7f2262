import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { ProviderId } from '@/lib/providers/catalog';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { accountName, signedInUntil } from '@/components/ui/signed-in-text';
import { useSignIn } from '@/components/ui/use-sign-in';
import { useSignInStatus } from '@/components/ui/use-sign-in-status';
import { t } from '@/lib/i18n/t';

/**
 * Sign-in for a provider saved with "Sign in (your organisation's account)": who is signed in and
 * until when, "Sign in" / "Sign out", and the redirect URI an administrator registers for the
 * Client ID, with a copy button.
 */
export function SignInSection({ provider }: { provider: ProviderId }) {
  // As the organization's policy leaves it: policy may set the method itself.
  const signInSaved = (useEffectiveSettings().providers[provider] as { auth?: string }).auth === 'sign-in';
  const status = useSignInStatus(provider);
  const { busy, result, signIn, signOut } = useSignIn(provider);
  const [copied, setCopied] = useState(false);
  if (!signInSaved) return null;
  const redirectUri = browser.identity.getRedirectURL();
  const signedIn = !!status && !status.ended;
  // The message around the account's name, which is shown in bold wherever the language puts it.
  // The marker is plain text: Chrome's i18n drops a NUL or control character from a substitution.
  const signedInAs = signedIn ? t('sign_in_as', '%%NAME%%', signedInUntil(status)).split('%%NAME%%') : [];

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">{t('sign_in_group')}</h2>
      <p>
        {signedIn ? (
          <>
            {signedInAs[0]}
            <strong>{accountName(status)}</strong>
            {signedInAs[1]}
          </>
        ) : (
          t('sign_in_not_signed_in')
        )}
      </p>
      {status?.ended && <p className="error-text">{status.ended}</p>}
      <div className="actions">
        {signedIn ? (
          <button type="button" onClick={() => void signOut()} disabled={!!busy}>
            {t('sign_out')}
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void signIn()} disabled={!!busy}>
            {t('sign_in')}
          </button>
        )}
        <span aria-live="polite" className={result && !result.ok ? 'error-text' : 'muted'}>
          {busy === 'sign-in' ? t('sign_in_finish_in_window') : busy === 'sign-out' ? t('sign_out_busy') : result?.message}
        </span>
      </div>
      <div className="field redirect-uri">
        <span id="redirect-uri-label">{t('redirect_uri')}</span>
        <div className="secret-row">
          <code aria-labelledby="redirect-uri-label">{redirectUri}</code>
          <button
            type="button"
            aria-label={t('redirect_uri_copy')}
            onClick={() => void navigator.clipboard.writeText(redirectUri).then(() => setCopied(true))}
          >
            {copied ? t('actions_copied') : t('actions_copy')}
          </button>
        </div>
        <p className="help">
          {t('redirect_uri_help')}
        </p>
      </div>
    </section>
  );
}
