import type { ProviderId } from '@/lib/providers/catalog';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { accountName, signedInUntil } from '@/components/ui/signed-in-text';
import { useSignIn } from '@/components/ui/use-sign-in';
import { useSignInStatus } from '@/components/ui/use-sign-in-status';

/** Under the chat header, for a provider that signs users in: who is signed in and until when. */
export function SignInBar({ provider }: { provider: ProviderId }) {
  // As the organization's policy leaves it: policy may set the method itself.
  const signInSaved = (useEffectiveSettings().providers[provider] as { auth?: string }).auth === 'sign-in';
  const status = useSignInStatus(provider);
  const { busy, result, signIn, signOut } = useSignIn(provider);
  if (!signInSaved) return null;
  const signedIn = !!status && !status.ended;
  return (
    <div className="sign-in-bar" role="group" aria-label="Sign-in">
      <span className="who">
        {signedIn ? `Signed in as ${accountName(status)}, ${signedInUntil(status)}` : status?.ended ? 'Your sign-in has ended.' : 'Not signed in.'}
      </span>
      {signedIn ? (
        <button type="button" onClick={() => void signOut()} disabled={!!busy}>
          Sign out
        </button>
      ) : (
        <button type="button" onClick={() => void signIn()} disabled={!!busy}>
          Sign in
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
