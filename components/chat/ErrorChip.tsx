import { t } from '@/lib/i18n/t';
/** Why something the user tried to attach did not come, with a "Dismiss" button; nothing when there is no error. */
export function ErrorChip({ error, onDismiss }: { error: string | undefined; onDismiss: () => void }) {
  if (!error) return null;
  return (
    <div className="chip error-chip" role="alert">
      <span>{error}</span>
      <button type="button" aria-label={t('dismiss')} onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
