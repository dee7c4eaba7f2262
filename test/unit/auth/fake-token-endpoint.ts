import { vi } from 'vitest';

export interface RecordedRequest {
  url: string;
  headers: Headers;
  body: URLSearchParams;
}

/**
 * A stand-in for `fetch` that answers token requests the way an OAuth2 server does, recording each
 * request. Each answer is a function so a test can change what the server says between calls.
 */
export function fakeTokenEndpoint(answer: (n: number, req: RecordedRequest) => Response | Promise<Response>) {
  const requests: RecordedRequest[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const req = {
      url: String(input),
      headers: new Headers(init?.headers),
      body: new URLSearchParams(String(init?.body ?? '')),
    };
    requests.push(req);
    return answer(requests.length, req);
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const tokenResponse = (n: number, expiresIn = 3600) =>
  json({ access_token: `token-${n}`, token_type: 'Bearer', expires_in: expiresIn });
