import type { ProviderId } from '@/lib/providers/catalog';
import { useSignIn } from '@/components/ui/use-sign-in';

/**
 * In a failed answer's alert when the provider ended the sign-in: "Sign in again" opens the
 * sign-in window; once signed in, Retry (beside it) answers the same conversation.
 */
export function SignInAgain({ provider }: { provider: ProviderId }) {
  const { busy, result, signIn } = useSignIn(provider);
  return (
    <>
      <button type="button" onClick={() => void signIn()} disabled={!!busy}>
        Sign in again
      </button>
      <span className="sign-in-outcome" aria-live="polite">
        {busy ? 'Finish signing in in the window that opened…' : result && (result.ok ? `${result.message} Press Retry.` : result.message)}
      </span>
    </>
  );
}
