/**
 * The words a conversation is found by. The worker stores each conversation's terms as it stores its
 * messages, in a multiEntry index (conversation-db.ts), so a search looks up a few keys instead of
 * reading every message (issue 13: 10,000 conversations searched in under 100 ms).
 *
 * Words are lower-cased, without accents (é → e, ü → u), cut to MAX_TERM characters. Chinese and
 * Japanese have no spaces between words: their text is indexed as overlapping pairs of characters
 * (bigrams, as Lucene's CJK analyzer does), which a query of one character or more finds by prefix.
 */

/** Longer words are kept to this many characters; a query word is cut the same way. */
export const MAX_TERM = 24;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const TOKEN = /[\p{L}\p{N}]+/gu;

/** Lower case, accents off (only combining diacritics: a Japanese voicing mark stays). */
function fold(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase();
}

/** A token split into its runs of CJK and of other letters and digits. */
function* runs(token: string): Generator<{ cjk: boolean; text: string }> {
  let current = '';
  let cjk = false;
  for (const char of token) {
    const isCjk = CJK.test(char);
    if (current && isCjk !== cjk) {
      yield { cjk, text: current };
      current = '';
    }
    cjk = isCjk;
    current += char;
  }
  if (current) yield { cjk, text: current };
}

function* termsIn(text: string): Generator<string> {
  for (const [token] of fold(text).matchAll(TOKEN))
    for (const run of runs(token)) {
      if (!run.cjk) {
        // One letter says nothing in an index of words; a query of one letter is not yet a search.
        if (run.text.length > 1 || /\d/.test(run.text)) yield run.text.slice(0, MAX_TERM);
        continue;
      }
      const chars = [...run.text];
      for (let i = 0; i + 1 < chars.length; i++) yield chars[i]! + chars[i + 1]!;
      // With the last character alone too, a query of any one character finds it by prefix.
      yield chars.at(-1)!;
    }
}

/** The terms of a text, for the index. */
export function termsOf(text: string): Set<string> {
  return new Set(termsIn(text));
}

/** The terms a query asks for: a conversation matches when it has, for each, a term starting with it. */
export function queryTerms(query: string): string[] {
  const terms = [...new Set(termsIn(query))];
  // A query of several CJK characters is found by its pairs; its last character alone adds nothing.
  return terms.filter((term) => !(term.length === 1 && CJK.test(term) && terms.some((t) => t.length === 2 && t.endsWith(term))));
}
