import type { SentPage } from '../chat/conversation-db';
import type { ChatTurn } from '../messaging/chat-port';
import { decidePageText } from '../page/site-access/decide-page-text';
import { recordedUrl } from '../page/site-access/page-address';
import type { PageTextRules } from '../page/site-access/page-text-rules';
import type { RequestTarget } from '../page/site-access/recipient';
import { t, type MessageKey } from '../i18n/t';

export type PageTurnsCheck = { ok: true; sent: SentPage[] } | { ok: false; message: string };

/** One piece of a page a question carries: its text, or a screenshot of it. */
interface PagePiece {
  kind: SentPage['kind'];
  readFrom: string[];
  chars: number;
}

const sameRecipient = (a: SentPage, b: SentPage) =>
  a.messageId === b.messageId && a.kind === b.kind && a.url === b.url && a.provider === b.provider && a.endpoint === b.endpoint;

const REMOVE_TO_SEND = {
  page: 'turns_remove_page',
  selection: 'turns_remove_selection',
  link: 'turns_remove_link',
  screenshot: 'turns_remove_screenshot',
} as const satisfies Record<SentPage['kind'], MessageKey>;
const CARRIES = {
  page: 'turns_carries_page',
  selection: 'turns_carries_selection',
  link: 'turns_carries_link',
  screenshot: 'turns_carries_screenshot',
} as const satisfies Record<SentPage['kind'], MessageKey>;

/** What of pages a question carries: the page text attached to it, and each screenshot among its images. */
function piecesOf(turn: ChatTurn): PagePiece[] {
  const pieces: PagePiece[] = [];
  const { context } = turn;
  if (context) pieces.push({ kind: context.kind, readFrom: context.readFrom?.length ? context.readFrom : [context.url], chars: context.text.length });
  for (const image of turn.images ?? []) if (image.page) pieces.push({ kind: 'screenshot', readFrom: [image.page], chars: 0 });
  return pieces;
}

/** Whether a request carries anything taken from a page, which must pass the site rules first. */
export const carriesPageContent = (turns: readonly ChatTurn[]) => turns.some((turn) => turn.role === 'user' && piecesOf(turn).length > 0);

/**
 * Checks every piece of a page a request would carry (the new question's text and screenshots, and
 * the earlier ones the conversation sends again) against the site rules, for the provider it would
 * go to. The provider or the rules may have changed since the piece was attached (a screenshot
 * taken for one provider, then sent after switching to another): a refusal means nothing is sent,
 * never that the piece is dropped silently (issue 16 §2). On success, says which pieces go to this
 * recipient for the first time in this conversation: the record of what left.
 */
export function checkPageTurns(turns: readonly ChatTurn[], to: RequestTarget, rules: PageTextRules, newQuestion: boolean): PageTurnsCheck {
  const earlier = turns.flatMap((turn) => turn.sent ?? []);
  const sent: SentPage[] = [];
  for (const [index, turn] of turns.entries()) {
    if (turn.role !== 'user') continue;
    for (const piece of piecesOf(turn)) {
      const decision = decidePageText({ readFrom: piece.readFrom, to }, rules);
      if (!decision.allowed) {
        const attachedNow = newQuestion && index === turns.length - 1;
        return {
          ok: false,
          message: attachedNow ? t(REMOVE_TO_SEND[piece.kind], decision.message) : t(CARRIES[piece.kind], decision.message),
        };
      }
      const record: SentPage = {
        messageId: turn.id ?? recordedUrl(piece.readFrom[0]!),
        kind: piece.kind,
        url: recordedUrl(piece.readFrom[0]!),
        chars: piece.chars,
        provider: to.provider,
        endpoint: to.endpoint,
      };
      if (!earlier.some((previous) => sameRecipient(previous, record)) && !sent.some((other) => sameRecipient(other, record))) sent.push(record);
    }
  }
  return { ok: true, sent };
}
