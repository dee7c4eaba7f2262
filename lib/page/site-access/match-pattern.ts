import { normalisePath, trimHost, type PageAddress } from './page-address';

/**
 * A site pattern in Chrome's match-pattern syntax (`<scheme>://<host>[:<port>]<path>`, `*`
 * wildcards, `<all_urls>`), parsed once and matched on a page's parsed address, never on its text
 * (docs/POLICY.md, "How matching works").
 */
export interface MatchPattern {
  /** As written, to name it in messages. */
  source: string;
  schemes: ReadonlyArray<'http' | 'https'>;
  /** Undefined: any host. `subdomains`: the host and every host under it (`*.example.com`). */
  host?: { name: string; subdomains: boolean };
  /** Undefined: any port, as in Chrome when the pattern names none. */
  port?: number;
  /** Every path (`/*`). */
  anyPath: boolean;
  /** The path pattern, normalised as page paths are, with `*` for any run of characters. */
  path: string;
}

export type PatternResult = { ok: true; pattern: MatchPattern } | { ok: false; message: string };

/**
 * Why a pattern applies: to `restrict` (a blocked site, a rule) or to `permit` (an allowed site).
 * Where an address leaves room for doubt, a restriction applies and a permission does not:
 * - a blob: page's path is unknown: it is restricted by any pattern of its origin, and permitted
 *   only by a pattern for every path of it;
 * - many intranet servers (IIS, SharePoint) ignore the case of a path: a restriction matches
 *   `/HR/` as `/hr/`, a permission does not.
 */
export type PatternPurpose = 'restrict' | 'permit';

const EXAMPLE = 'for example https://intranet.example.com/*';

function fail(source: string, why: string): PatternResult {
  return { ok: false, message: `“${source}” ${why}` };
}

/** Splits `host[:port]`, minding IPv6 brackets. */
function splitAuthority(authority: string): { host: string; port?: string } {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority)!;
  return { host: match[1]!, port: match[2] };
}

/** The host as the browser normalises a URL's: lower case, IDN to punycode, no trailing dot. */
function normaliseHost(name: string): string | undefined {
  if (!name || /[*\s/?#@\\]/.test(name)) return undefined;
  try {
    const host = trimHost(new URL(`http://${name}/`).hostname);
    return host || undefined;
  } catch {
    return undefined;
  }
}

/** Parses and checks one pattern; the message names the entry and says how to write it. */
export function parseMatchPattern(raw: string): PatternResult {
  const source = raw.trim();
  if (source === '<all_urls>') return { ok: true, pattern: { source, schemes: ['http', 'https'], anyPath: true, path: '/*' } };
  const parts = /^([^:/]*):\/\/([^/]*)(.*)$/.exec(source);
  if (!parts) return fail(source, `is not a match pattern: write <scheme>://<host>/<path>, ${EXAMPLE}`);
  const [, rawScheme, authority, rawPath] = parts as unknown as [string, string, string, string];
  const scheme = rawScheme.toLowerCase();
  if (scheme === 'file') return fail(source, 'names files on the computer, which omni-ai never reads: use http, https or *.');
  if (scheme !== '*' && scheme !== 'http' && scheme !== 'https')
    return fail(source, `has the scheme “${rawScheme}”; omni-ai reads only web pages: use http, https or *.`);
  if (authority.includes('@')) return fail(source, 'has a user name (before “@”); write the host alone.');

  const { host: hostPart, port: portPart } = splitAuthority(authority);
  let host: MatchPattern['host'];
  if (hostPart !== '*') {
    const subdomains = hostPart.startsWith('*.');
    const name = normaliseHost(subdomains ? hostPart.slice(2) : hostPart);
    if (!name) {
      if (!hostPart) return fail(source, `has no host: write * for any host, ${EXAMPLE}`);
      if (hostPart.includes('*')) return fail(source, 'has a * inside its host; a * may only come first, followed by a dot (*.example.com), or stand alone.');
      return fail(source, `has a host, “${hostPart}”, that is not a valid host name.`);
    }
    host = { name, subdomains };
  }

  let port: number | undefined;
  if (portPart !== undefined && portPart !== '*') {
    if (!/^\d{1,5}$/.test(portPart) || Number(portPart) > 65535) return fail(source, `has a port, “${portPart}”, that is not a number from 0 to 65535 (or *).`);
    port = Number(portPart);
  }

  if (!rawPath) return fail(source, 'has no path: add /* to match every page of the site.');
  if (/[?#]/.test(rawPath))
    return fail(source, 'has a query or a fragment; omni-ai matches the path only (the part before “?”): remove what follows it, or end the path with *.');
  // Appended, not resolved: `//x` stays a path, as it is in the page's own URL.
  const path = normalisePath(new URL(`http://h${rawPath}`).pathname);
  return { ok: true, pattern: { source, schemes: scheme === '*' ? ['http', 'https'] : [scheme], host, port, anyPath: path === '/*', path } };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The path pattern as a regular expression: `*` for any characters, everything else literal. */
function pathRegExp(path: string, ignoreCase: boolean): RegExp {
  return new RegExp(`^${path.split('*').map(escapeRegExp).join('.*')}$`, ignoreCase ? 'is' : 's');
}

/** Whether the pattern covers the page at `address`, for the given purpose (see PatternPurpose). */
export function patternMatches(pattern: MatchPattern, address: PageAddress, purpose: PatternPurpose): boolean {
  if (!pattern.schemes.includes(address.scheme)) return false;
  if (pattern.port !== undefined && pattern.port !== address.port) return false;
  const { host } = pattern;
  if (host && address.host !== host.name && !(host.subdomains && address.host.endsWith(`.${host.name}`))) return false;
  if (pattern.anyPath) return true;
  if (address.path === undefined) return purpose === 'restrict';
  return pathRegExp(pattern.path, purpose === 'restrict').test(address.path);
}
