import { Check, Copy, Pencil, RefreshCw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ChatEntry } from '@/lib/chat/chat-store';
import { useChat } from '@/lib/chat/chat-store';
import type { Versions } from '@/lib/chat/conversation-tree';
import { formatUsage } from '@/lib/chat/format-usage';
import { IconButton } from '@/components/ui/IconButton';
import { RegenerateMenu } from './RegenerateMenu';
import { VersionSwitch } from './VersionSwitch';
import { t } from '@/lib/i18n/t';

/**
 * What can be done with a message, at its end where the eye already is: on an answer Copy (as
 * Markdown), Regenerate and Regenerate with…, its versions and the tokens it used; on a question,
 * Edit and its versions. Shown on hover and keyboard focus, and always on the last answer.
 */
export function MessageActions({
  entry,
  versions,
  busy,
  onEdit,
}: {
  entry: ChatEntry;
  versions?: Versions;
  /** An answer is streaming: nothing may start another. */
  busy: boolean;
  onEdit: () => void;
}) {
  const regenerate = useChat((s) => s.regenerate);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);

  if (entry.role === 'user')
    return (
      <div className="message-actions" role="toolbar" aria-label={t('actions_label')}>
        {versions && <VersionSwitch id={entry.id} versions={versions} disabled={busy} />}
        <IconButton label={t('actions_edit')} icon={Pencil} tooltip="above-end" disabled={busy} onClick={onEdit} />
      </div>
    );

  const usage = formatUsage(entry.usage);
  const streaming = entry.status === 'streaming';
  return (
    <div className="message-actions" role="toolbar" aria-label={t('actions_label')}>
      <IconButton
        label={t('actions_copy')}
        icon={copied ? Check : Copy}
        tooltip="above"
        disabled={streaming || !entry.content}
        // The answer as the model wrote it: Markdown, which pastes well into notes, tickets and chats.
        onClick={() => void navigator.clipboard.writeText(entry.content).then(() => setCopied(true))}
      />
      <IconButton label={t('actions_regenerate')} icon={RefreshCw} tooltip="above" disabled={busy} onClick={() => regenerate(entry.id)} />
      <RegenerateMenu answerId={entry.id} disabled={busy} />
      {versions && <VersionSwitch id={entry.id} versions={versions} disabled={busy} />}
      <span className="copied" aria-live="polite">
        {copied ? t('actions_copied') : ''}
      </span>
      {usage && <span className="usage">{usage}</span>}
    </div>
  );
}
