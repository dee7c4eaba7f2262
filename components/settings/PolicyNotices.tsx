import { usePolicy } from '@/lib/settings/policy/policy-store';
import { t } from '@/lib/i18n/t';

/**
 * Says that the organization manages some settings, and lists each policy value omni-ai ignored,
 * by its key, so the user can tell their administrator exactly what to fix. Not dismissable: it
 * goes away when the policy is fixed.
 */
export function PolicyNotices() {
  const managed = usePolicy((s) => Object.keys(s.policy).length > 0);
  const notices = usePolicy((s) => s.notices);
  if (!managed && notices.length === 0) return null;
  return (
    <section className="policy" role="region" aria-label={t('policy_label')}>
      {managed && <p>{t('policy_managed')}</p>}
      {notices.length > 0 && (
        <>
          <p>{t('policy_ignored')}</p>
          <ul>
            {notices.map(({ key, message }) => (
              <li key={`${key}: ${message}`}>
                <code>{key}</code> {message}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
