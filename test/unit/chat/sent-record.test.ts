import { describe, expect, it } from 'vitest';
import { sentLine, toMarkdown, type ChatEntry } from '@/lib/chat/chat-store';
import type { SentPage } from '@/lib/chat/conversation-db';

const sent: SentPage = {
  messageId: 'u',
  kind: 'page',
  url: 'https://wiki.intranet.example.com/Tides',
  chars: 4210,
  provider: 'azure-openai',
  endpoint: 'https://contoso.openai.azure.com',
};

describe('the record of what left', () => {
  it('reads as one line: what, from which origin, to which provider', () => {
    expect(sentLine(sent)).toBe('Sent: page from https://wiki.intranet.example.com to Azure OpenAI');
    expect(sentLine({ ...sent, kind: 'selection', provider: 'openai' })).toBe('Sent: selection from https://wiki.intranet.example.com to OpenAI');
  });

  it('goes into the Markdown export with the path, the characters and the endpoint', () => {
    const entries: ChatEntry[] = [
      { id: 'u', role: 'user', content: 'Summarise', status: 'done' },
      { id: 'a', role: 'assistant', content: 'Tides…', status: 'done', provider: 'azure-openai', model: 'gpt-4o', sent: [sent] },
    ];
    expect(toMarkdown('Tides', entries)).toContain(
      '> Sent: page from https://wiki.intranet.example.com to Azure OpenAI: https://wiki.intranet.example.com/Tides, 4,210 characters, received at https://contoso.openai.azure.com\n',
    );
  });

  it('cannot change the export’s structure, whatever the recorded host holds', () => {
    const hostile: SentPage = { ...sent, url: 'http://a`b](javascript:x)*.example/', endpoint: 'http://<img src=x>.example' };
    const line = toMarkdown('T', [{ id: 'a', role: 'assistant', content: '', status: 'done', provider: 'openai', model: 'm', sent: [hostile] }])
      .split('\n')
      .find((l) => l.startsWith('> Sent'));
    expect(line).toBe('> Sent: page from http://a\\`b\\](javascript:x)\\*.example/ to Azure OpenAI: http://a\\`b\\](javascript:x)\\*.example/, 4,210 characters, received at http://\\<img src=x\\>.example');
  });
});
