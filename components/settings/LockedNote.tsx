import { t } from '@/lib/i18n/t';
/**
 * "Set by your organization", under a field the administrator's policy sets. The field names this
 * element in its aria-describedby, so a screen reader says it with the field (DESIGN.md).
 */
export function LockedNote({ id }: { id: string }) {
  return (
    <p className="locked" id={id}>
      <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
        <path
          fill="currentColor"
          d="M4 7V5a4 4 0 1 1 8 0v2h.5A1.5 1.5 0 0 1 14 8.5v5a1.5 1.5 0 0 1-1.5 1.5h-9A1.5 1.5 0 0 1 2 13.5v-5A1.5 1.5 0 0 1 3.5 7H4Zm2 0h4V5a2 2 0 1 0-4 0v2Z"
        />
      </svg>
      {t('locked')}
    </p>
  );
}
