import type { SignInStatus } from '@/lib/auth/sign-in/sign-in-status';
import { t, uiLanguage } from '@/lib/i18n/t';

export { accountName } from '@/lib/auth/sign-in/account-name';

/** Until when the sign-in lasts, as far as omni-ai knows. */
export function signedInUntil(status: Pick<SignInStatus, 'until' | 'kept'>, locale?: string): string {
  if (status.until !== undefined)
    return t('signed_in_until', new Date(status.until).toLocaleString(locale ?? uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }));
  return status.kept ? t('signed_in_until_sign_out') : t('signed_in_until_browser_closes');
}
