import { useState } from 'react';
import { browser } from 'wxt/browser';
import type { ProviderId } from '@/lib/providers/catalog';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { accountName, signedInUntil } from '@/components/ui/signed-in-text';
import { useSignIn } from '@/components/ui/use-sign-in';
import { useSignInStatus } from '@/components/ui/use-sign-in-status';

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

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <h2 id="sign-in-heading">Sign-in</h2>
      <p>
        {signedIn ? (
          <>
            Signed in as <strong>{accountName(status)}</strong>, {signedInUntil(status)}.
          </>
        ) : (
          'Not signed in.'
        )}
      </p>
      {status?.ended && <p className="error-text">{status.ended}</p>}
      <div className="actions">
        {signedIn ? (
          <button type="button" onClick={() => void signOut()} disabled={!!busy}>
            Sign out
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => void signIn()} disabled={!!busy}>
            Sign in
          </button>
        )}
        <span aria-live="polite" className={result && !result.ok ? 'error-text' : 'muted'}>
          {busy === 'sign-in' ? 'Finish signing in in the window that opened…' : busy === 'sign-out' ? 'Signing out…' : result?.message}
        </span>
      </div>
      <div className="field redirect-uri">
        <span id="redirect-uri-label">Redirect URI</span>
        <div className="secret-row">
          <code aria-labelledby="redirect-uri-label">{redirectUri}</code>
          <button
            type="button"
            aria-label="Copy redirect URI"
            onClick={() => void navigator.clipboard.writeText(redirectUri).then(() => setCopied(true))}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
        <p className="help">
          Register it for the Client ID at your identity provider (in Entra ID, as a “Single-page application” redirect URI),
          and allow the refresh token (offline_access).
        </p>
      </div>
    </section>
  );
}
