// Python literals from validated config values. Numbers use JavaScript's shortest round-trip text, which
// Python reads back as the same float ('0.1', '1e-7', '2.5e+21'); strings go through JSON, whose escapes
// Python string literals share, so nothing a config holds can end a literal early.

export function pyNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`pyNumber: ${x} has no Python literal`);
  return Object.is(x, -0) ? '0' : String(x);
}

/** A float literal: always with a decimal point or exponent, so Python sees a float, not an int. */
export function pyFloat(x: number): string {
  const s = pyNumber(x);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

export function pyString(s: string): string {
  return JSON.stringify(s);
}

export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}
