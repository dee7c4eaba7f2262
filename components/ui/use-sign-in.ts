import { useState } from 'react';
import type { SignInResult } from '@/lib/auth/sign-in/sign-in-service';
import { sendMessage } from '@/lib/messaging/protocol';
import type { ProviderId } from '@/lib/providers/catalog';
import { t } from '@/lib/i18n/t';

/**
 * "Sign in" and "Sign out" for a page: the worker does the work (the sign-in window, the tokens);
 * the page gets only the outcome's words.
 */
export function useSignIn(provider: ProviderId) {
  const [busy, setBusy] = useState<'sign-in' | 'sign-out' | undefined>();
  const [result, setResult] = useState<SignInResult | undefined>();
  const run = async (what: 'sign-in' | 'sign-out') => {
    setBusy(what);
    setResult(undefined);
    try {
      setResult(await sendMessage(what === 'sign-in' ? 'signIn' : 'signOut', provider));
    } catch (error) {
      setResult({ ok: false, message: t(what === 'sign-in' ? 'sign_in_could_not' : 'sign_out_could_not', (error as Error).message) });
    } finally {
      setBusy(undefined);
    }
  };
  return { busy, result, signIn: () => run('sign-in'), signOut: () => run('sign-out') };
}
