import { t } from '../../i18n/t';
/**
 * A page's address as the site rules see it (docs/POLICY.md, "How matching works"): only http and
 * https pages have one; every other kind of page is never read, and says why.
 */
export interface PageAddress {
  scheme: 'http' | 'https';
  /** As the browser normalises it (lower case, IDN as punycode), without trailing dots. */
  host: string;
  /** The port the page is served on: the scheme's default when the URL names none. */
  port: number;
  /**
   * The path, normalised (normalisePath), without query or fragment; undefined when the address
   * does not say which page of the site it is (a blob: URL names only the origin that made it).
   */
  path: string | undefined;
  /** scheme://host[:port], for records and messages. */
  origin: string;
  /** host[:port], how the side panel names the site. */
  site: string;
}

export type AddressResult = { ok: true; address: PageAddress } | { ok: false; message: string };

const DEFAULT_PORT = { http: 80, https: 443 } as const;

/** Schemes of the browsers' own pages (Chrome, Edge, Brave, Opera, Vivaldi, Firefox) and of extensions. */
const BROWSER_SCHEMES = new Set([
  'about', 'chrome', 'chrome-extension', 'chrome-untrusted', 'chrome-search', 'chrome-devtools', 'devtools',
  'edge', 'brave', 'opera', 'vivaldi', 'moz-extension', 'resource', 'view-source',
]);

/**
 * RFC 3986 §6.2.2: percent-encoded unreserved characters decoded, other escapes in upper case, so
 * that `/%68r/` is the `/hr/` a server would serve, and a pattern and a page compare alike.
 */
export function normalisePath(path: string): string {
  return path.replace(/%([0-9a-f]{2})/gi, (escape, hex: string) => {
    const char = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-._~]/.test(char) ? char : escape.toUpperCase();
  });
}

/** The host without the trailing dots DNS allows (`example.com.` is example.com). */
export function trimHost(hostname: string): string {
  return hostname.replace(/\.+$/, '');
}

function httpAddress(url: URL, path: string | undefined): PageAddress {
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const host = trimHost(url.hostname);
  const port = url.port ? Number(url.port) : DEFAULT_PORT[scheme];
  const site = port === DEFAULT_PORT[scheme] ? host : `${host}:${port}`;
  return { scheme, host, port, path, origin: `${scheme}://${site}`, site };
}

/**
 * Parses the URL of a page (or of a frame) into the address its site rules are matched against,
 * by the URL parser, never by looking for text in the URL: `https://intranet.example.com@evil.test/`
 * is evil.test, `https://evil.test/?u=intranet.example.com` is evil.test.
 */
export function pageAddress(raw: string): AddressResult {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'omni-ai cannot tell which site this page belongs to, so it does not read it.' };
  }
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'http' || scheme === 'https') return { ok: true, address: httpAddress(url, normalisePath(url.pathname)) };
  if (scheme === 'blob' || scheme === 'filesystem') {
    // A blob: (or filesystem:) document belongs to the origin that made it (URL standard, "origin"
    // of a blob URL): judged as that site, but which of its pages made it is not known.
    let inner: URL;
    try {
      inner = new URL(url.pathname);
    } catch {
      return { ok: false, message: t('address_script') };
    }
    if (inner.protocol === 'http:' || inner.protocol === 'https:') return { ok: true, address: httpAddress(inner, undefined) };
    return { ok: false, message: t('address_script') };
  }
  if (BROWSER_SCHEMES.has(scheme))
    return { ok: false, message: t('address_browser') };
  if (scheme === 'data')
    return { ok: false, message: t('address_data') };
  if (scheme === 'file') return { ok: false, message: t('address_file') };
  return { ok: false, message: t('address_scheme', scheme) };
}

/**
 * What a record keeps of a page's address: its origin and path, never the query or the fragment
 * (they often carry a search, a token or a record number). A blob: page keeps the origin that made it.
 */
export function recordedUrl(raw: string): string {
  const result = pageAddress(raw);
  if (!result.ok) return '';
  const { origin, path } = result.address;
  return path === undefined ? `${raw.slice(0, raw.indexOf(':') + 1).toLowerCase()}${origin}` : `${origin}${path}`;
}
