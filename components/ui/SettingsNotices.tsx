import { useState } from 'react';
import { useNewerSettingsKept } from '@/lib/settings/newer-settings';
import { useSettings } from '@/lib/settings/store';
import { t } from '@/lib/i18n/t';

/**
 * What happened to the stored settings (a reset, a failed migration), until the user dismisses it.
 * While a newer omni-ai's settings are kept, a line that does not go away with the notices says that
 * changes here are not saved, with the one button that may write over them.
 */
export function SettingsNotices() {
  const notices = useSettings((s) => s.notices);
  const dismiss = useSettings((s) => s.dismissNotices);
  const replaceWithDefaults = useSettings((s) => s.replaceWithDefaults);
  const keptNewer = useNewerSettingsKept();
  const [replaceError, setReplaceError] = useState('');
  if (notices.length === 0 && !keptNewer) return null;
  return (
    <div className="notice" role="region" aria-label={t('notices_label')}>
      {notices.length > 0 && (
        <>
          <ul>
            {notices.map((notice) => (
              <li key={notice}>{notice}</li>
            ))}
          </ul>
          <button type="button" onClick={dismiss}>
            {t('dismiss')}
          </button>
        </>
      )}
      {keptNewer && (
        <p>
          {t('notices_newer_kept')}{' '}
          <button
            type="button"
            onClick={() => {
              setReplaceError('');
              replaceWithDefaults().catch((error: Error) => setReplaceError(t('notices_not_replaced', error.message)));
            }}
          >
            {t('notices_replace')}
          </button>
        </p>
      )}
      {replaceError && <p role="alert">{replaceError}</p>}
    </div>
  );
}
