import { describe, expect, it } from 'vitest';
import { accountName, signedInUntil } from '@/components/ui/signed-in-text';

describe('who is signed in, and until when', () => {
  it('names the account by its name and username, or whichever the ID token had', () => {
    expect(accountName({ name: 'Ada Lovelace', username: 'ada@contoso.com' })).toBe('Ada Lovelace (ada@contoso.com)');
    expect(accountName({ username: 'ada@contoso.com' })).toBe('ada@contoso.com');
    expect(accountName({ name: 'ada@contoso.com', username: 'ada@contoso.com' })).toBe('ada@contoso.com');
    expect(accountName({})).toBe('your account');
  });

  it('says until when: the refresh token’s end when known, else where it is kept', () => {
    expect(signedInUntil({ kept: false })).toBe('until the browser closes');
    expect(signedInUntil({ kept: true })).toBe('until you sign out');
    expect(signedInUntil({ kept: true, until: Date.UTC(2026, 10, 25, 9, 30) }, 'en-GB')).toMatch(/^until 25 Nov 2026, \d\d:30$/);
  });
});
