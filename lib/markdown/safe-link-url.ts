/** Schemes a link from a model, a provider or a page may use: opening them runs nothing in omni-ai. */
const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * The URL a link may point at, or undefined when it must stay plain text. Parsed as the browser
 * parses an href (WHATWG URL: entities already decoded by the HTML parser, tabs and newlines
 * dropped, leading control characters trimmed), so `java&#x09;script:`, `JaVaScRiPt:` and
 * ` javascript:` are all seen as the `javascript:` they would run as. There is no base URL: a
 * relative or protocol-relative link (`/x`, `//host/x`) would resolve against the extension's own
 * origin, so it is refused rather than guessed.
 */
export function safeLinkUrl(raw: string | null | undefined, schemes: ReadonlySet<string> = LINK_SCHEMES): URL | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  return schemes.has(url.protocol) ? url : undefined;
}

/** Schemes an image may be fetched from when the user clicks its link. */
export const IMAGE_LINK_SCHEMES: ReadonlySet<string> = new Set(['http:', 'https:']);
