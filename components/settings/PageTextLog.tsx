import { useCallback, useEffect, useState } from 'react';
import { clearActivity, listActivity, type ActivityRecord } from '@/lib/chat/conversation-db';
import { storageFailureOf } from '@/lib/chat/storage-problem';
import { PROVIDERS } from '@/lib/providers/catalog';

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
      (error: unknown) => setProblem(`The list of page text sent could not be read (${storageFailureOf(error).detail}). Reload this page to try again.`),
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
      setProblem(`The list of page text sent was not cleared (${storageFailureOf(error).detail}). Try again.`),
    );
  };

  return (
    <section className="page-text-log" aria-labelledby="page-text-log-title">
      <h2 id="page-text-log-title">Page text sent</h2>
      {problem && (
        <p role="alert" className="alert storage">
          {problem}
        </p>
      )}
      {lines && lines.length === 0 && <p className="muted">Nothing yet. Turn on “Keep a list of the page text I send” above to keep one.</p>}
      {lines && lines.length > 0 && (
        <>
          <table>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Site</th>
                <th scope="col">Provider</th>
                <th scope="col">Characters</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => (
                <tr key={line.id}>
                  <td>{new Date(line.at).toLocaleString()}</td>
                  <td className="url">{line.url}</td>
                  <td title={line.endpoint}>{PROVIDERS[line.provider].label}</td>
                  <td className="number">{line.kind === 'screenshot' ? 'Screenshot' : line.chars.toLocaleString('en-US')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <button type="button" onClick={clear}>
              Clear list
            </button>
          </div>
        </>
      )}
    </section>
  );
}
