import type { ChatModel, ChatRequest, StreamPart } from '@/lib/providers/types';

export async function collect(model: ChatModel, request: Partial<ChatRequest> & { model: string }) {
  const parts: StreamPart[] = [];
  for await (const part of model.stream({ messages: [{ role: 'user', content: 'Hi' }], signal: new AbortController().signal, ...request }))
    parts.push(part);
  const text = parts.flatMap((p) => (p.type === 'text-delta' ? [p.text] : [])).join('');
  return { parts, text, last: parts.at(-1)! };
}

/** A fetch that adds a fixed bearer token, standing in for the gateway's authenticated fetch. */
export const withBearer =
  (token: string): typeof fetch =>
  (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set('authorization', `Bearer ${token}`);
    return fetch(input, { ...init, headers });
  };
