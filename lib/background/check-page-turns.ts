import type { PageContext, SentPage } from '../chat/conversation-db';
import type { ChatTurn } from '../messaging/chat-port';
import { decidePageText } from '../page/site-access/decide-page-text';
import { recordedUrl } from '../page/site-access/page-address';
import type { PageTextRules } from '../page/site-access/page-text-rules';
import type { RequestTarget } from '../page/site-access/recipient';
import { t, type MessageKey } from '../i18n/t';

export type PageTurnsCheck = { ok: true; sent: SentPage[] } | { ok: false; message: string };

const sameRecipient = (a: SentPage, b: SentPage) => a.messageId === b.messageId && a.provider === b.provider && a.endpoint === b.endpoint;

const REMOVE_TO_SEND = { page: 'turns_remove_page', selection: 'turns_remove_selection', link: 'turns_remove_link' } as const satisfies Record<PageContext['kind'], MessageKey>;
const CARRIES = { page: 'turns_carries_page', selection: 'turns_carries_selection', link: 'turns_carries_link' } as const satisfies Record<PageContext['kind'], MessageKey>;

/**
 * Checks every piece of page text a request would carry (the new question's, and the earlier ones
 * the conversation sends again) against the site rules, for the provider it would go to. The
 * provider or the rules may have changed since the text was attached: a refusal means nothing is
 * sent, never that the text is dropped silently (issue 16 §2). On success, says which text goes to
 * this recipient for the first time in this conversation: the record of what left.
 */
export function checkPageTurns(turns: readonly ChatTurn[], to: RequestTarget, rules: PageTextRules, newQuestion: boolean): PageTurnsCheck {
  const earlier = turns.flatMap((turn) => turn.sent ?? []);
  const sent: SentPage[] = [];
  for (const [index, turn] of turns.entries()) {
    const { context } = turn;
    if (turn.role !== 'user' || !context) continue;
    const readFrom = context.readFrom?.length ? context.readFrom : [context.url];
    const decision = decidePageText({ readFrom, to }, rules);
    if (!decision.allowed) {
      const attachedNow = newQuestion && index === turns.length - 1;
      return {
        ok: false,
        message: attachedNow
          ? t(REMOVE_TO_SEND[context.kind], decision.message)
          : t(CARRIES[context.kind], decision.message),
      };
    }
    const record: SentPage = {
      messageId: turn.id ?? recordedUrl(readFrom[0]!),
      kind: context.kind,
      url: recordedUrl(readFrom[0]!),
      chars: context.text.length,
      provider: to.provider,
      endpoint: to.endpoint,
    };
    if (!earlier.some((previous) => sameRecipient(previous, record))) sent.push(record);
  }
  return { ok: true, sent };
}
