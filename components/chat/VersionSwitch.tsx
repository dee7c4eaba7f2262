import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useChat } from '@/lib/chat/chat-store';
import type { Versions } from '@/lib/chat/conversation-tree';
import { IconButton } from '@/components/ui/IconButton';
import { t } from '@/lib/i18n/t';

/** "‹ 2 / 3 ›": the versions of an edited question or a regenerated answer. */
export function VersionSwitch({ id, versions, disabled }: { id: string; versions: Versions; disabled: boolean }) {
  const showVersion = useChat((s) => s.showVersion);
  const { index, ids } = versions;
  return (
    <span className="versions" role="group" aria-label={t('versions_label')}>
      <IconButton label={t('versions_previous')} icon={ChevronLeft} tooltip="above" disabled={disabled || index === 0} onClick={() => showVersion(id, -1)} />
      <span className="version-count">
        <span aria-hidden="true">
          {index + 1} / {ids.length}
        </span>
        <span className="visually-hidden">
          {t('versions_count', index + 1, ids.length)}
        </span>
      </span>
      <IconButton
        label={t('versions_next')}
        icon={ChevronRight}
        tooltip="above"
        disabled={disabled || index === ids.length - 1}
        onClick={() => showVersion(id, 1)}
      />
    </span>
  );
}
