import type { SignInStatus } from '@/lib/auth/sign-in/sign-in-status';

/** "Ada Lovelace (ada@contoso.com)", or whichever of the two the ID token had. */
export function accountName(status: Pick<SignInStatus, 'name' | 'username'>): string {
  if (status.name && status.username && status.name !== status.username) return `${status.name} (${status.username})`;
  return status.name ?? status.username ?? 'your account';
}

/** Until when the sign-in lasts, as far as omni-ai knows. */
export function signedInUntil(status: Pick<SignInStatus, 'until' | 'kept'>, locale?: string): string {
  if (status.until !== undefined)
    return `until ${new Date(status.until).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}`;
  return status.kept ? 'until you sign out' : 'until the browser closes';
}
