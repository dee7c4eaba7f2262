import type { ProviderId } from '@/lib/providers/catalog';
import { useSignIn } from '@/components/ui/use-sign-in';
import { t } from '@/lib/i18n/t';

/**
 * In a failed answer's alert when the provider ended the sign-in: "Sign in again" opens the
 * sign-in window; once signed in, Retry (beside it) answers the same conversation.
 */
export function SignInAgain({ provider }: { provider: ProviderId }) {
  const { busy, result, signIn } = useSignIn(provider);
  return (
    <>
      <button type="button" onClick={() => void signIn()} disabled={!!busy}>
        {t('sign_in_again')}
      </button>
      <span className="sign-in-outcome" aria-live="polite">
        {busy ? t('sign_in_finish_in_window') : result && (result.ok ? t('sign_in_press_retry', result.message) : result.message)}
      </span>
    </>
  );
}
