import { useState, type FormEvent } from 'react';
import type { MatchPattern } from '@/lib/page/site-access/match-pattern';
import { parseSiteList } from '@/lib/page/site-access/parse-site-list';
import { useSettings } from '@/lib/settings/store';
import { useEffectiveSettings } from '@/lib/settings/use-effective-settings';
import { LockedNote } from './LockedNote';
import { t } from '@/lib/i18n/t';

const lines = (text: string) => text.split('\n').map((line) => line.trim()).filter(Boolean);

/** The organization's entries of a list: shown, read-only, never removable here. */
function PolicyEntries({ id, label, patterns }: { id: string; label: string; patterns: readonly MatchPattern[] }) {
  return (
    <>
      <ul className="policy-entries" aria-label={t('sites_policy_entries', label)} aria-describedby={`${id}-locked`}>
        {patterns.length === 0 ? <li className="muted">{t('sites_none')}</li> : patterns.map((p) => <li key={p.source}><code>{p.source}</code></li>)}
      </ul>
      <LockedNote id={`${id}-locked`} />
    </>
  );
}

interface ListFieldProps {
  id: string;
  label: string;
  help: string;
  value: string;
  errors: string[];
  organization?: readonly MatchPattern[];
  onChange: (value: string) => void;
}

function ListField({ id, label, help, value, errors, organization, onChange }: ListFieldProps) {
  const describedBy = [`${id}-help`, errors.length && `${id}-errors`].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {organization && <PolicyEntries id={id} label={label} patterns={organization} />}
      <textarea
        id={id}
        rows={3}
        value={value}
        spellCheck={false}
        placeholder="https://intranet.example.com/*"
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="help" id={`${id}-help`}>
        {help}
      </p>
      {errors.length > 0 && (
        <ul className="error" id={`${id}-errors`}>
          {errors.map((error) => (
            <li key={error}>{error}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The user's own rules for page text (issue 16): sites omni-ai may read, sites it never reads, and
 * whether to keep a list of what was sent. The organization's entries are shown with them,
 * read-only: the user's lists can only narrow what the organization allows.
 */
export function SiteLists() {
  const { pageText: saved, pageTextPolicy } = useEffectiveSettings();
  const savePageText = useSettings((s) => s.savePageText);
  const [edits, setEdits] = useState<{ allowed: string; blocked: string; keepLog: boolean } | null>(null);
  const [errors, setErrors] = useState<{ allowed: string[]; blocked: string[] }>({ allowed: [], blocked: [] });
  const [note, setNote] = useState('');
  const draft = edits ?? { allowed: saved.allowedSites.join('\n'), blocked: saved.blockedSites.join('\n'), keepLog: saved.keepLog };

  const edit = (change: Partial<typeof draft>) => {
    setEdits({ ...draft, ...change });
    setNote('');
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const allowed = lines(draft.allowed);
    const blocked = lines(draft.blocked);
    const found = { allowed: parseSiteList(allowed).problems, blocked: parseSiteList(blocked).problems };
    setErrors(found);
    // Nothing is saved until every entry is right: a half-saved blocklist would read pages it names.
    if (found.allowed.length || found.blocked.length) {
      setNote(t('sites_not_saved'));
      return;
    }
    savePageText({ allowedSites: allowed, blockedSites: blocked, keepLog: draft.keepLog }).then(
      () => {
        setEdits(null);
        setNote(t('sites_saved'));
      },
      (error: Error) => setNote(t('not_saved', error.message)),
    );
  };

  return (
    <form className="page-text-settings" aria-label={t('sites_heading')} onSubmit={onSubmit} noValidate>
      <h2>{t('sites_heading')}</h2>
      <p className="help">
        {t('sites_intro')} <code>https://intranet.example.com/*</code>, <code>*://*.example.org/*</code>.
      </p>
      <ListField
        id="page-allowed-sites"
        label={t('sites_allowed')}
        help={t('sites_allowed_help')}
        value={draft.allowed}
        errors={errors.allowed}
        organization={pageTextPolicy.allowed}
        onChange={(allowed) => edit({ allowed })}
      />
      <ListField
        id="page-blocked-sites"
        label={t('sites_blocked')}
        help={t('sites_blocked_help')}
        value={draft.blocked}
        errors={errors.blocked}
        organization={pageTextPolicy.blocked.length ? pageTextPolicy.blocked : undefined}
        onChange={(blocked) => edit({ blocked })}
      />
      <div className="field checkbox">
        <input id="keep-page-log" type="checkbox" checked={draft.keepLog} aria-describedby="keep-page-log-help" onChange={(e) => edit({ keepLog: e.target.checked })} />
        <label htmlFor="keep-page-log">{t('sites_keep_log')}</label>
        <p className="help" id="keep-page-log-help">
          {t('sites_keep_log_help')}
        </p>
      </div>
      <div className="actions">
        <button type="submit">{t('sites_save')}</button>
        <span aria-live="polite" className="muted">
          {note}
        </span>
      </div>
    </form>
  );
}
