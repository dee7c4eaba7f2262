import { describe, expect, it } from 'vitest';
import { parseMatchPattern, patternMatches, type PatternPurpose } from '@/lib/page/site-access/match-pattern';
import { pageAddress, recordedUrl } from '@/lib/page/site-access/page-address';

function pattern(source: string) {
  const parsed = parseMatchPattern(source);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.pattern;
}

/** Whether `source` covers the page at `url`; a URL that is no web page matches nothing. */
function covers(source: string, url: string, purpose: PatternPurpose = 'restrict'): boolean {
  const address = pageAddress(url);
  return address.ok && patternMatches(pattern(source), address.address, purpose);
}

describe('page addresses: what a URL is, as the URL parser says, never by its text', () => {
  it.each([
    ['https://intranet.example.com@evil.test/', 'evil.test'],
    ['https://evil.test/?u=intranet.example.com', 'evil.test'],
    ['https://intranet.example.com.evil.test/', 'intranet.example.com.evil.test'],
    ['https://INTRANET.Example.COM/Wiki', 'intranet.example.com'],
    ['https://intranet.example.com./', 'intranet.example.com'],
    ['https://bücher.example/', 'xn--bcher-kva.example'],
    ['https://intranet.example.com:8443/', 'intranet.example.com:8443'],
    ['https://intranet.example.com:443/', 'intranet.example.com'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['blob:https://intranet.example.com/0b5e2a4c-8d1e-4b7a-9f3e-2a1c5d6e7f80', 'intranet.example.com'],
  ])('%s is the site %s', (url, site) => {
    const address = pageAddress(url);
    expect(address.ok && address.address.site).toBe(site);
  });

  it.each([
    ['data:text/html,<p>intranet.example.com</p>', 'data: address'],
    ['file:///home/me/intranet.example.com.html', 'not files on this computer'],
    ['view-source:https://intranet.example.com/', 'the browser’s own pages'],
    ['about:blank', 'the browser’s own pages'],
    ['about:srcdoc', 'the browser’s own pages'],
    ['chrome://settings/', 'the browser’s own pages'],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html', 'the browser’s own pages'],
    ['edge://settings/', 'the browser’s own pages'],
    ['moz-extension://0b5e2a4c/options.html', 'the browser’s own pages'],
    ['blob:null/0b5e2a4c', 'belongs to no web site'],
    ['javascript:alert(1)', 'starts with javascript:'],
    ['ftp://intranet.example.com/file', 'starts with ftp:'],
    ['not a url', 'cannot tell which site'],
  ])('%s is never read (%s)', (url, why) => {
    const address = pageAddress(url);
    expect(address.ok).toBe(false);
    expect(!address.ok && address.message).toContain(why);
  });

  it('normalises a path as RFC 3986 §6.2.2 says: unreserved escapes decoded, dot segments removed', () => {
    const address = pageAddress('https://intranet.example.com/%68r/./x/../%7euser/%c3%a4?q=1#top');
    expect(address.ok && address.address.path).toBe('/hr/~user/%C3%A4');
  });

  it('records origin and path, never the query or the fragment', () => {
    expect(recordedUrl('https://Intranet.Example.com/wiki/Tides?session=secret#part')).toBe('https://intranet.example.com/wiki/Tides');
    expect(recordedUrl('http://127.0.0.1:8080/a?b')).toBe('http://127.0.0.1:8080/a');
    expect(recordedUrl('blob:https://intranet.example.com/0b5e2a4c')).toBe('blob:https://intranet.example.com');
    expect(recordedUrl('data:text/html,secret')).toBe('');
  });
});

describe('match patterns against hostile URLs', () => {
  const intranet = 'https://intranet.example.com/*';

  it('matches the host, never a substring of the URL', () => {
    expect(covers(intranet, 'https://intranet.example.com/wiki')).toBe(true);
    expect(covers(intranet, 'https://intranet.example.com@evil.test/')).toBe(false);
    expect(covers(intranet, 'https://evil.test/?u=intranet.example.com')).toBe(false);
    expect(covers(intranet, 'https://evil.test/intranet.example.com/')).toBe(false);
    expect(covers(intranet, 'https://intranet.example.com.evil.test/')).toBe(false);
    expect(covers(intranet, 'https://evil-intranet.example.com/')).toBe(false);
    expect(covers('https://evil.test/*', 'https://intranet.example.com@evil.test/')).toBe(true);
  });

  it('*.host covers the host and hosts under it, not hosts that merely end the same', () => {
    const pattern = 'https://*.intranet.example.com/*';
    expect(covers(pattern, 'https://intranet.example.com/')).toBe(true);
    expect(covers(pattern, 'https://hr.intranet.example.com/')).toBe(true);
    expect(covers(pattern, 'https://a.b.intranet.example.com/')).toBe(true);
    expect(covers(pattern, 'https://evilintranet.example.com/')).toBe(false);
    expect(covers(pattern, 'https://intranet.example.com.evil.test/')).toBe(false);
  });

  it('compares hosts as the browser normalises them: case, trailing dot, IDN and punycode', () => {
    expect(covers('https://INTRANET.example.com/*', 'https://intranet.EXAMPLE.com/')).toBe(true);
    expect(covers(intranet, 'https://intranet.example.com./wiki')).toBe(true);
    expect(covers('https://intranet.example.com./*', 'https://intranet.example.com/')).toBe(true);
    expect(covers('https://bücher.example/*', 'https://xn--bcher-kva.example/')).toBe(true);
    expect(covers('https://xn--bcher-kva.example/*', 'https://BÜCHER.example/')).toBe(true);
    expect(covers('https://*.bücher.example/*', 'https://shop.xn--bcher-kva.example/')).toBe(true);
    // A look-alike is another host: Cyrillic “е” in “еxample”.
    expect(covers(intranet, 'https://intranet.\u0435xample.com/')).toBe(false);
    // Full-width dots are dots to the URL parser (UTS #46), so they cannot hide a host.
    expect(covers(intranet, 'https://intranet\uff0eexample\uff0ecom/')).toBe(true);
  });

  it('ports: none in the pattern is any port; a port matches only itself, the default included', () => {
    expect(covers(intranet, 'https://intranet.example.com:8443/')).toBe(true);
    expect(covers('https://intranet.example.com:8443/*', 'https://intranet.example.com:8443/')).toBe(true);
    expect(covers('https://intranet.example.com:8443/*', 'https://intranet.example.com/')).toBe(false);
    expect(covers('https://intranet.example.com:443/*', 'https://intranet.example.com/')).toBe(true);
    expect(covers('http://intranet.example.com:80/*', 'http://intranet.example.com:80/')).toBe(true);
    expect(covers('https://intranet.example.com:*/*', 'https://intranet.example.com:9/')).toBe(true);
    expect(covers('http://[::1]:8080/*', 'http://[::1]:8080/x')).toBe(true);
  });

  it('schemes: * is http and https; a scheme matches only itself', () => {
    expect(covers('*://intranet.example.com/*', 'http://intranet.example.com/')).toBe(true);
    expect(covers('*://intranet.example.com/*', 'https://intranet.example.com/')).toBe(true);
    expect(covers(intranet, 'http://intranet.example.com/')).toBe(false);
    expect(covers('<all_urls>', 'https://anything.test/x')).toBe(true);
    expect(covers('*://*/*', 'http://127.0.0.1:3000/')).toBe(true);
  });

  it('paths: * is any run of characters; the query never counts', () => {
    const hr = 'https://intranet.example.com/hr/*';
    expect(covers(hr, 'https://intranet.example.com/hr/')).toBe(true);
    expect(covers(hr, 'https://intranet.example.com/hr/salaries?x=1')).toBe(true);
    expect(covers(hr, 'https://intranet.example.com/wiki?next=/hr/')).toBe(false);
    expect(covers(hr, 'https://intranet.example.com/hr')).toBe(false);
    expect(covers('https://intranet.example.com/*.pdf', 'https://intranet.example.com/a/b.pdf')).toBe(true);
    expect(covers('https://intranet.example.com/report', 'https://intranet.example.com/report?id=5')).toBe(true);
    // Escaped letters and dot segments are the path a server serves.
    expect(covers(hr, 'https://intranet.example.com/%68r/x')).toBe(true);
    expect(covers(hr, 'https://intranet.example.com/wiki/../hr/x')).toBe(true);
    expect(covers(hr, 'https://intranet.example.com/wiki/%2e%2e/hr/x')).toBe(true);
    expect(covers('https://intranet.example.com/ä/*', 'https://intranet.example.com/%C3%A4/x')).toBe(true);
  });

  it('a path differing only in case is restricted, but not permitted (intranet servers often ignore case)', () => {
    const hr = 'https://intranet.example.com/hr/*';
    expect(covers(hr, 'https://intranet.example.com/HR/salaries', 'restrict')).toBe(true);
    expect(covers(hr, 'https://intranet.example.com/HR/salaries', 'permit')).toBe(false);
    expect(covers(hr, 'https://intranet.example.com/hr/salaries', 'permit')).toBe(true);
  });

  it('a blob: page is its maker’s site, on a page unknown: restricted by any pattern of it, permitted only by a whole-site one', () => {
    const blob = 'blob:https://intranet.example.com/0b5e2a4c-8d1e-4b7a-9f3e-2a1c5d6e7f80';
    expect(covers('https://intranet.example.com/hr/*', blob, 'restrict')).toBe(true);
    expect(covers('https://intranet.example.com/hr/*', blob, 'permit')).toBe(false);
    expect(covers(intranet, blob, 'permit')).toBe(true);
    expect(covers('https://evil.test/*', blob, 'restrict')).toBe(false);
  });
});

describe('pattern validation names the entry and says how to write it', () => {
  it.each([
    ['intranet.example.com', 'is not a match pattern: write <scheme>://<host>/<path>'],
    ['https://intranet.example.com', 'has no path: add /*'],
    ['file:///home/*', 'names files on the computer'],
    ['ftp://intranet.example.com/*', 'has the scheme “ftp”'],
    ['https://intra*.example.com/*', 'has a * inside its host'],
    ['https://*intranet.example.com/*', 'has a * inside its host'],
    ['https://*./*', 'has a * inside its host'],
    ['https:///*', 'has no host'],
    ['https://exa mple.com/*', 'is not a valid host name'],
    ['https://user@intranet.example.com/*', 'has a user name'],
    ['https://intranet.example.com:99999/*', 'has a port, “99999”'],
    ['https://intranet.example.com:http/*', 'has a port, “http”'],
    ['https://intranet.example.com/search?q=*', 'omni-ai matches the path only'],
  ])('%s %s', (source, why) => {
    const parsed = parseMatchPattern(source);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message.startsWith(`“${source}”`)).toBe(true);
    expect(!parsed.ok && parsed.message).toContain(why);
  });

  it('accepts what Chrome accepts for web pages', () => {
    for (const source of ['<all_urls>', '*://*/*', 'https://*/*', 'http://127.0.0.1/*', 'https://*.example.com/a/*b', ' https://example.com/ '])
      expect(parseMatchPattern(source).ok, source).toBe(true);
  });
});
