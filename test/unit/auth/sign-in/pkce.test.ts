import '../../providers/sdks-registered';
import { describe, expect, it } from 'vitest';
import { codeChallengeS256, createCodeVerifier } from '@/lib/auth/sign-in/pkce';

describe('PKCE', () => {
  it('computes the S256 challenge of RFC 7636 Appendix B', async () => {
    expect(await codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 unreserved characters (§4.1), a new one each time', () => {
    const verifiers = Array.from({ length: 50 }, createCodeVerifier);
    for (const v of verifiers) expect(v).toMatch(/^[A-Za-z0-9\-._~]{43}$/);
    expect(new Set(verifiers).size).toBe(50);
  });
});
