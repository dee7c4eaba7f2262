import { describe, expect, it, vi } from 'vitest';
import { revokeRefreshToken } from '@/lib/auth/sign-in/revoke-token';
import { json } from '../fake-token-endpoint';

const R = { revocationEndpoint: 'https://idp.example.com/oauth2/revoke?x=1', clientId: 'omni-public', refreshToken: 'rt-secret-1' };

describe('revokeRefreshToken', () => {
  it('posts RFC 7009’s form as a public client, and follows no redirect', async () => {
    const fetch = vi.fn(async (_u: RequestInfo | URL, _i?: RequestInit) => new Response('', { status: 200 }));
    expect(await revokeRefreshToken(R, fetch)).toBeUndefined();
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe(R.revocationEndpoint);
    expect(init).toMatchObject({ method: 'POST', redirect: 'error', credentials: 'omit' });
    expect(Object.fromEntries(new URLSearchParams(String(init!.body)))).toEqual({
      token: 'rt-secret-1',
      token_type_hint: 'refresh_token',
      client_id: 'omni-public',
    });
  });

  it('says what failed, naming the endpoint without its query and never the token', async () => {
    const refused = await revokeRefreshToken(R, async () => json({ error: 'unsupported_token_type' }, 503));
    expect(refused).toBe('the revocation endpoint https://idp.example.com/oauth2/revoke answered HTTP 503 (unsupported_token_type)');
    const down = await revokeRefreshToken(R, async () => Promise.reject(new TypeError('Failed to fetch')));
    expect(down).toBe('the revocation endpoint https://idp.example.com/oauth2/revoke could not be reached (Failed to fetch)');
    expect(`${refused} ${down}`).not.toContain('rt-secret-1');
  });
});
