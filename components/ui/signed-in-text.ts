import type { SignInStatus } from '@/lib/auth/sign-in/sign-in-status';

export { accountName } from '@/lib/auth/sign-in/account-name';

/** Until when the sign-in lasts, as far as omni-ai knows. */
export function signedInUntil(status: Pick<SignInStatus, 'until' | 'kept'>, locale?: string): string {
  if (status.until !== undefined)
    return `until ${new Date(status.until).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}`;
  return status.kept ? 'until you sign out' : 'until the browser closes';
}
