import { FileDown, FileUp } from 'lucide-react';
import { useRef, useState } from 'react';
import { useChat } from '@/lib/chat/chat-store';
import { exportAllConversations, importConversationFile, type TransferOutcome } from '@/lib/chat/history-transfer';
import { IconButton } from '@/components/ui/IconButton';
import { t } from '@/lib/i18n/t';

/** "Export all" to one JSON file, and "Import" of such a file, without duplicates. */
export function HistoryTransfer() {
  const [outcome, setOutcome] = useState<TransferOutcome>();
  const [busy, setBusy] = useState(false);
  const file = useRef<HTMLInputElement>(null);
  const refresh = useChat((s) => s.refreshConversations);

  const run = async (work: () => Promise<TransferOutcome>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome(await work());
    } catch (error) {
      setOutcome({ ok: false, message: t('transfer_failed', (error as Error).message) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="history-transfer">
      <div className="history-transfer-actions">
        <IconButton label={t('transfer_export_all')} icon={FileDown} disabled={busy} onClick={() => void run(() => exportAllConversations())}>
          {t('transfer_export_all')}
        </IconButton>
        <IconButton label={t('transfer_import')} icon={FileUp} disabled={busy} onClick={() => file.current?.click()}>
          {t('transfer_import')}
        </IconButton>
        <input
          ref={file}
          type="file"
          accept="application/json,.json"
          aria-label={t('transfer_file')}
          hidden
          onChange={(event) => {
            const chosen = event.target.files?.[0];
            event.target.value = ''; // the same file may be chosen again
            if (chosen)
              void run(async () => {
                const result = await importConversationFile(chosen);
                await refresh();
                return result;
              });
          }}
        />
      </div>
      {outcome &&
        (outcome.ok ? (
          <p role="status" className="transfer-outcome">
            {outcome.message}
          </p>
        ) : (
          <p role="alert" className="alert">
            {outcome.message}
          </p>
        ))}
    </div>
  );
}
