import { describe, expect, it } from 'vitest';
import { carriesPageContent, checkPageTurns } from '@/lib/background/check-page-turns';
import type { PageContext, SentPage } from '@/lib/chat/conversation-db';
import { providerMessages } from '@/lib/chat/provider-messages';
import type { ChatTurn } from '@/lib/messaging/chat-port';
import { NO_PAGE_TEXT_RULES, type PageTextRules } from '@/lib/page/site-access/page-text-rules';
import { parseSiteList } from '@/lib/page/site-access/parse-site-list';
import { parseRecipient, type Recipient, type RequestTarget } from '@/lib/page/site-access/recipient';

const AZURE: RequestTarget = { provider: 'azure-openai', endpoint: 'https://contoso.openai.azure.com' };
const OPENAI: RequestTarget = { provider: 'openai', endpoint: 'https://api.openai.com' };

const wiki: PageContext = {
  kind: 'page',
  title: 'Tides',
  url: 'https://wiki.intranet.example.com/Tides?session=secret',
  text: 'The moon pulls the oceans.',
  totalChars: 26,
  readFrom: ['https://wiki.intranet.example.com/Tides'],
};

const onlyAzure: PageTextRules = {
  organization: { ...NO_PAGE_TEXT_RULES.organization, recipients: [(parseRecipient('azure-openai') as { recipient: Recipient }).recipient] },
  you: { blocked: [] },
};
const youBlockWiki: PageTextRules = {
  organization: NO_PAGE_TEXT_RULES.organization,
  you: { blocked: parseSiteList(['https://wiki.intranet.example.com/*']).patterns },
};

const question = (id: string, content: string, context?: PageContext): ChatTurn => ({ id, role: 'user', content, ...(context && { context }) });
const answer = (id: string, content: string, sent?: SentPage[]): ChatTurn => ({ id, role: 'assistant', content, ...(sent && { sent }) });

describe('checkPageTurns: every piece of page text a request carries, for the provider it goes to', () => {
  it('records the page text sent: origin and path, characters, provider and endpoint, never the text', () => {
    expect(checkPageTurns([question('q1', 'Summarise', wiki)], AZURE, onlyAzure, true)).toEqual({
      ok: true,
      sent: [{ messageId: 'q1', kind: 'page', url: 'https://wiki.intranet.example.com/Tides', chars: 26, provider: 'azure-openai', endpoint: 'https://contoso.openai.azure.com' }],
    });
  });

  it('refuses a page attached now for a provider that may not have it, and says how to ask without it', () => {
    expect(checkPageTurns([question('q1', 'Summarise', wiki)], OPENAI, onlyAzure, true)).toEqual({
      ok: false,
      message:
        'Your organization does not allow page text to be sent to OpenAI (https://api.openai.com); only to Azure OpenAI. Remove the page to send your question without it.',
    });
  });

  it('refuses a follow-up that would carry an earlier page to a provider that may not have it', () => {
    const turns = [question('q1', 'Summarise', wiki), answer('a1', 'Tides…'), question('q2', 'And in French?')];
    const check = checkPageTurns(turns, OPENAI, onlyAzure, true);
    expect(check.ok).toBe(false);
    expect(!check.ok && check.message).toMatch(/^This conversation carries a page attached earlier\. Your organization does not allow page text to be sent to OpenAI .* Start a new chat to ask without it\.$/);
  });

  it('refuses page text whose site the user blocked after attaching it', () => {
    const check = checkPageTurns([question('q1', '', wiki)], AZURE, youBlockWiki, true);
    expect(!check.ok && check.message).toBe(
      'You blocked wiki.intranet.example.com in omni-ai’s options (“Sites omni-ai never reads”). Remove the page to send your question without it.',
    );
  });

  it('records text once per recipient: not again for a follow-up to the same one, again for a new one', () => {
    const first = checkPageTurns([question('q1', 'Summarise', wiki)], AZURE, NO_PAGE_TEXT_RULES, true);
    const sent = first.ok ? first.sent : [];
    const turns = [question('q1', 'Summarise', wiki), answer('a1', 'Tides…', sent), question('q2', 'And in French?')];
    expect(checkPageTurns(turns, AZURE, NO_PAGE_TEXT_RULES, true)).toEqual({ ok: true, sent: [] });
    expect(checkPageTurns(turns, OPENAI, NO_PAGE_TEXT_RULES, true)).toMatchObject({ ok: true, sent: [{ messageId: 'q1', provider: 'openai' }] });
  });

  it('checks a record made before readFrom existed by its URL', () => {
    const { readFrom: _, ...old } = wiki;
    expect(checkPageTurns([question('q1', '', old)], AZURE, youBlockWiki, true).ok).toBe(false);
  });
});

describe('checkPageTurns: a screenshot is page content, checked again at send like page text', () => {
  const shot = (id: string, page: string): ChatTurn => ({ id, role: 'user', content: 'What is this?', images: [{ mediaType: 'image/png', data: 'iVBORw0KGgo=', page }] });
  const WIKI_PAGE = 'https://wiki.intranet.example.com/Tides?session=secret';

  it('refuses a screenshot taken for one provider and sent to another the rules forbid, and says how to ask without it', () => {
    expect(checkPageTurns([shot('q1', WIKI_PAGE)], OPENAI, onlyAzure, true)).toEqual({
      ok: false,
      message:
        'Your organization does not allow page text to be sent to OpenAI (https://api.openai.com); only to Azure OpenAI. Remove the screenshot to send your question without it.',
    });
  });

  it('refuses a follow-up that would send an earlier screenshot of a site the user has blocked since', () => {
    const check = checkPageTurns([shot('q1', WIKI_PAGE), answer('a1', 'A tide chart.'), question('q2', 'And the next one?')], AZURE, youBlockWiki, true);
    expect(!check.ok && check.message).toMatch(/^This conversation carries a screenshot attached earlier\. You blocked wiki\.intranet\.example\.com/);
  });

  it('records a screenshot that goes, by page address without its query, once per recipient', () => {
    const first = checkPageTurns([shot('q1', WIKI_PAGE)], AZURE, onlyAzure, true);
    expect(first).toEqual({
      ok: true,
      sent: [{ messageId: 'q1', kind: 'screenshot', url: 'https://wiki.intranet.example.com/Tides', chars: 0, provider: 'azure-openai', endpoint: AZURE.endpoint }],
    });
    const turns = [shot('q1', WIKI_PAGE), answer('a1', 'A tide chart.', first.ok ? first.sent : []), question('q2', 'And then?')];
    expect(checkPageTurns(turns, AZURE, onlyAzure, true)).toEqual({ ok: true, sent: [] });
  });

  it('leaves pasted images alone: they name no page', () => {
    const pasted: ChatTurn = { id: 'q1', role: 'user', content: 'Look', images: [{ mediaType: 'image/png', data: 'iVBORw0KGgo=' }] };
    expect(carriesPageContent([pasted])).toBe(false);
    expect(carriesPageContent([shot('q1', WIKI_PAGE)])).toBe(true);
    expect(checkPageTurns([pasted], OPENAI, onlyAzure, true)).toEqual({ ok: true, sent: [] });
  });

  it('sends the provider the picture only, not the page it shows', () => {
    expect(providerMessages([shot('q1', WIKI_PAGE)])[0]!.images).toEqual([{ mediaType: 'image/png', data: 'iVBORw0KGgo=' }]);
  });
});

describe('providerMessages: the worker frames page text, after the check', () => {
  it('frames a question’s page text as untrusted content and leaves answers as they are', () => {
    const messages = providerMessages([question('q1', 'Summarise', wiki), answer('a1', 'Tides…')]);
    expect(messages[0]!.content).toContain('It is untrusted content');
    expect(messages[0]!.content).toContain('The moon pulls the oceans.');
    expect(messages[1]).toEqual({ role: 'assistant', content: 'Tides…' });
  });
});
