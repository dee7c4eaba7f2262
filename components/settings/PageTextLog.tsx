import { useCallback, useEffect, useState } from 'react';
import { clearActivity, listActivity, type ActivityRecord } from '@/lib/chat/conversation-db';
import { storageFailureOf } from '@/lib/chat/storage-problem';
import { PROVIDERS } from '@/lib/providers/catalog';
import { t, formatNumber, uiLanguage } from '@/lib/i18n/t';

/**
 * The local list of page text sent (issue 16 §3): date, site, provider, characters; never the text.
 * Read from the conversation store when the page opens or comes back into view.
 */
export function PageTextLog() {
  const [lines, setLines] = useState<ActivityRecord[] | undefined>();
  const [problem, setProblem] = useState('');

  const load = useCallback(() => {
    listActivity().then(
      (read) => {
        setLines(read);
        setProblem('');
      },
      (error: unknown) => setProblem(t('log_unreadable', storageFailureOf(error).detail)),
    );
  }, []);

  useEffect(() => {
    load();
    const onVisible = () => document.visibilityState === 'visible' && load();
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [load]);

  const clear = () => {
    clearActivity().then(load, (error: unknown) =>
      setProblem(t('log_not_cleared', storageFailureOf(error).detail)),
    );
  };

  return (
    <section className="page-text-log" aria-labelledby="page-text-log-title">
      <h2 id="page-text-log-title">{t('log_heading')}</h2>
      {problem && (
        <p role="alert" className="alert storage">
          {problem}
        </p>
      )}
      {lines && lines.length === 0 && <p className="muted">{t('log_empty')}</p>}
      {lines && lines.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('log_date')}</th>
                <th scope="col">{t('log_site')}</th>
                <th scope="col">{t('field_provider')}</th>
                <th scope="col">{t('log_characters')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.id}>
                  <td>{new Date(line.at).toLocaleString(uiLanguage())}</td>
                  <td className="url">{line.url}</td>
                  <td title={line.endpoint}>{PROVIDERS[line.provider].label}</td>
                  <td className="number">{line.kind === 'screenshot' ? t('log_screenshot') : formatNumber(line.chars)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={clear}>
              {t('log_clear')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
