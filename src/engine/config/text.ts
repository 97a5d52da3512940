// Text that came from a link is shown back to the user inside notices. The page renders notices as text,
// never HTML, but we still keep them printable: no control characters, no invisible bidi/format characters
// (which can make a notice read differently than it is), no lone surrogates, and a bounded length.
import { MAX_NOTICE_CHARS, MAX_QUOTED_CHARS } from './schema';

// Controls (Cc: C0, DEL, C1), format characters (Cf: zero-width, bidi marks/overrides/isolates, BOM, soft
// hyphen) and the line/paragraph separators. With the u flag, \p{Cs} matches only unpaired surrogates.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;
const LONE_SURROGATE = /\p{Cs}/gu;

/** Printable text: unprintable characters dropped, lone surrogates replaced by U+FFFD. */
export function printable(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replace(UNPRINTABLE, '');
}

/** Cut to at most `max` code points (never splitting a surrogate pair), marking the cut with '…'. */
export function truncate(text: string, max: number): string {
  const points = Array.from(text);
  if (points.length <= max) return text;
  return points.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** A piece of user input as it may appear inside a notice. Never throws, whatever `raw` is. */
export function quote(raw: unknown): string {
  let text: string;
  switch (typeof raw) {
    case 'string':
      text = raw;
      break;
    case 'number':
    case 'boolean':
    case 'bigint':
      text = String(raw);
      break;
    case 'undefined':
      text = 'undefined';
      break;
    default:
      // Objects, arrays, symbols, functions: String() may throw or call user code, so only name the type.
      text =
        raw === null
          ? 'null'
          : Array.isArray(raw)
            ? '(a list)'
            : typeof raw === 'object'
              ? '(an object)'
              : `(a ${typeof raw})`;
  }
  const clean = printable(text).trim();
  return clean === '' ? '(blank)' : truncate(clean, MAX_QUOTED_CHARS);
}

/** Final guard on a notice: printable and at most MAX_NOTICE_CHARS long. */
export function clipNotice(text: string): string {
  return truncate(printable(text), MAX_NOTICE_CHARS);
}
