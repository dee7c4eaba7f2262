import type { ProviderId } from '@/lib/providers/catalog';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { accountName, signedInUntil } from '@/components/ui/signed-in-text';
import { useSignIn } from '@/components/ui/use-sign-in';
import { useSignInStatus } from '@/components/ui/use-sign-in-status';
import { t } from '@/lib/i18n/t';

/** Under the chat header, for a provider that signs users in: who is signed in and until when. */
export function SignInBar({ provider }: { provider: ProviderId }) {
  // As the organization's policy leaves it: policy may set the method itself.
  const signInSaved = (useEffectiveSettings().providers[provider] as { auth?: string }).auth === 'sign-in';
  const status = useSignInStatus(provider);
  const { busy, result, signIn, signOut } = useSignIn(provider);
  if (!signInSaved) return null;
  const signedIn = !!status && !status.ended;
  return (
    <div className="sign-in-bar" role="group" aria-label={t('sign_in_group')}>
      <span className="who">
        {signedIn ? t('sign_in_signed_in_as', accountName(status), signedInUntil(status)) : status?.ended ? t('sign_in_ended') : t('sign_in_not_signed_in')}
      </span>
      {signedIn ? (
        <button type="button" onClick={() => void signOut()} disabled={!!busy}>
          {t('sign_out')}
        </button>
      ) : (
        <button type="button" onClick={() => void signIn()} disabled={!!busy}>
          {t('sign_in')}
        </button>
      )}
      {result && !result.ok && (
        <span className="error-text" aria-live="polite">
          {result.message}
        </span>
      )}
    </div>
  );
}
