import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { forgetCachedKey, isSealed, openText, sealText } from '@/lib/settings/secret-box';

const CONTEXT = 'omni-ai settings|anthropic|apiKey|{"baseURL":""}';

beforeEach(async () => {
  forgetCachedKey();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase('omni-ai-secrets');
    request.onsuccess = request.onerror = resolve;
  });
});

describe('secret box', () => {
  it('seals a secret into a string that does not contain it, and opens it back', async () => {
    const sealed = await sealText('sk-ant-top-secret', CONTEXT);
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('sk-ant-top-secret');
    expect(atob(sealed.split(':').at(-1)!)).not.toContain('sk-ant-top-secret');
    expect(await openText(sealed, CONTEXT)).toBe('sk-ant-top-secret');
  });

  it('leaves an empty secret empty, and uses a fresh IV for every seal', async () => {
    expect(await sealText('', CONTEXT)).toBe('');
    expect(await sealText('same', CONTEXT)).not.toBe(await sealText('same', CONTEXT));
  });

  it('opens a value only for the context it was sealed for', async () => {
    const sealed = await sealText('client-secret', CONTEXT);
    await expect(openText(sealed, CONTEXT.replace('""', '"https://evil.example"'))).rejects.toThrow(
      'does not open with this browser profile’s key, or its settings were changed from outside omni-ai',
    );
  });

  it('refuses a value whose ciphertext was altered', async () => {
    const sealed = await sealText('client-secret', CONTEXT);
    const bytes = Uint8Array.from(atob(sealed.split(':').at(-1)!), (c) => c.charCodeAt(0));
    bytes[0]! ^= 1;
    const altered = `${sealed.slice(0, sealed.lastIndexOf(':') + 1)}${btoa(String.fromCharCode(...bytes))}`;
    await expect(openText(altered, CONTEXT)).rejects.toThrow('does not open');
  });

  it('keeps one non-extractable key in IndexedDB, which every page and the background share', async () => {
    const sealed = await sealText('sk-shared', CONTEXT);
    forgetCachedKey(); // another context: reads the key from IndexedDB
    expect(await openText(sealed, CONTEXT)).toBe('sk-shared');
    const key = await new Promise<CryptoKey>((resolve, reject) => {
      const request = indexedDB.open('omni-ai-secrets');
      request.onsuccess = () => {
        const get = request.result.transaction('keys').objectStore('keys').get('settings');
        get.onsuccess = () => {
          request.result.close();
          resolve(get.result as CryptoKey);
        };
        get.onerror = () => reject(get.error);
      };
    });
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
  });

  it('a key created at the same moment by two contexts ends as one key', async () => {
    forgetCachedKey();
    const first = sealText('a', CONTEXT);
    forgetCachedKey();
    const second = sealText('b', CONTEXT);
    const [a, b] = await Promise.all([first, second]);
    forgetCachedKey();
    expect([await openText(a, CONTEXT), await openText(b, CONTEXT)]).toEqual(['a', 'b']);
  });
});
