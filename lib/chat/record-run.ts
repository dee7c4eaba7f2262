import type { ChatServerMessage } from '../messaging/chat-port';
import { CoalescedWriter } from './coalesced-writer';
import { putMessage, type MessageRecord } from './conversation-db';

/**
 * Keeps an answer's record in IndexedDB in step with its run, as it streams: closing the panel, or
 * the browser, loses nothing that had arrived beyond the write under way.
 */
export function recordRun(answer: MessageRecord): (message: ChatServerMessage) => void {
  const writer = new CoalescedWriter<MessageRecord>(putMessage);
  let record = answer;
  return (message) => {
    switch (message.type) {
      case 'delta':
        record = { ...record, content: record.content + message.text };
        break;
      case 'done':
        record = { ...record, status: 'done', finishReason: message.reason, usage: message.usage };
        break;
      case 'error':
        record = { ...record, status: message.stopped ? 'stopped' : 'error', error: message.stopped ? undefined : message.error };
        break;
      default:
        return;
    }
    void writer.push(record);
  };
}
