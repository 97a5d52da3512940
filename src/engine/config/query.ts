// Splitting a link into (key, value) pairs, tolerant of anything a user can paste: a full URL, '?a=b', 'a=b',
// broken percent-escapes, '+' for space, empty pairs, enormous strings.
import { MAX_QUERY_CHARS } from './schema';

export interface SplitQuery {
  /** Pairs in order, keys trimmed and lower-cased; duplicates kept (the caller decides who wins). */
  pairs: [string, string][];
  /** Set when the input was longer than MAX_QUERY_CHARS and got cut. */
  truncatedFrom?: number;
}

const ESCAPE_RUN = /(?:%[0-9a-f]{2})+/gi;

/**
 * application/x-www-form-urlencoded decoding that never throws: '+' is a space; each run of %XX escapes is
 * decoded as UTF-8 when it is valid and kept verbatim when it is not (a stray '%' or half a character).
 */
export function decodeComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(ESCAPE_RUN, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/** The query part of whatever was passed: after the first '?', before '#'; a bare URL has an empty query. */
function queryPart(input: string): string {
  const q = input.indexOf('?');
  let s: string;
  if (q >= 0) s = input.slice(q + 1);
  else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) s = '';
  else s = input;
  const hash = s.indexOf('#');
  return hash >= 0 ? s.slice(0, hash) : s;
}

export function splitQuery(input: unknown): SplitQuery {
  let text = typeof input === 'string' ? input : '';
  const result: SplitQuery = { pairs: [] };
  if (text.length > MAX_QUERY_CHARS) {
    result.truncatedFrom = text.length;
    text = text.slice(0, MAX_QUERY_CHARS);
    // Drop the pair that the cut went through: half a value would be read as a different value.
    const lastAmp = text.lastIndexOf('&');
    text = lastAmp >= 0 ? text.slice(0, lastAmp) : '';
  }
  for (const piece of queryPart(text).split('&')) {
    if (piece === '') continue;
    const eq = piece.indexOf('=');
    const rawKey = eq >= 0 ? piece.slice(0, eq) : piece;
    const rawValue = eq >= 0 ? piece.slice(eq + 1) : '';
    const key = decodeComponent(rawKey).trim().toLowerCase();
    // '=5' or '==' name nothing; there is nothing useful to say about them.
    if (key === '') continue;
    result.pairs.push([key, decodeComponent(rawValue)]);
  }
  return result;
}
