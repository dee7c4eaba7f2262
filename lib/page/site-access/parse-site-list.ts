import { parseMatchPattern, type MatchPattern } from './match-pattern';

export interface ParsedSiteList {
  patterns: MatchPattern[];
  /** One message per entry that is not a pattern, naming the entry. */
  problems: string[];
}

/** Parses a list of site patterns entry by entry: the good ones kept, each bad one named. */
export function parseSiteList(entries: readonly string[]): ParsedSiteList {
  const patterns: MatchPattern[] = [];
  const problems: string[] = [];
  for (const entry of entries) {
    if (!entry.trim()) continue;
    const parsed = parseMatchPattern(entry);
    if (parsed.ok) patterns.push(parsed.pattern);
    else problems.push(parsed.message);
  }
  return { patterns, problems };
}
