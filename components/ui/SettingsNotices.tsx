import { useSettings } from '@/lib/settings/store';

/** What happened to the stored settings (a reset, a failed migration), until the user dismisses it. */
export function SettingsNotices() {
  const notices = useSettings((s) => s.notices);
  const dismiss = useSettings((s) => s.dismissNotices);
  if (notices.length === 0) return null;
  return (
    <div className="notice" role="region" aria-label="Settings notices">
      <ul>
        {notices.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
