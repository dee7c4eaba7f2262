import { t } from '../../i18n/t';
/** "Ada Lovelace (ada@contoso.com)", or whichever of the two the ID token had. */
export function accountName(account: { name?: string; username?: string }): string {
  if (account.name && account.username && account.name !== account.username) return `${account.name} (${account.username})`;
  return account.name ?? account.username ?? t('account_name_fallback');
}
