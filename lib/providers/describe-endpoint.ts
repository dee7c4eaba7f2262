/**
 * A URL as an error message names it: origin and path, enough to recognise it, never a query string,
 * which may hold a key (some gateways take `?key=…`).
 */
export function describeEndpoint(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}
