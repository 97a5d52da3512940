// The two axes of a trainability map: σ_w² values (columns) and depths (rows), parsed from the CLI's and
// the page link's short forms ('1:4:16' and '2,4,8,16'). Bad input is an error message, never a guess.

export interface MapAxes {
  sw2: number[];
  depth: number[];
}

/** The most cells one map may have (each is a training run). */
export const MAP_MAX_CELLS = 400;
export const MAP_MAX_DEPTH = 200;
export const MAP_SW2_MAX = 64;

/** Schoenholz et al.'s range for tanh, 16 columns; depths doubling-ish up to 64. */
export const DEFAULT_MAP_SW2 = '1:4:16';
export const DEFAULT_MAP_DEPTHS = '2,4,6,8,12,16,24,32,48,64';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** 'a:b:n' → n evenly spaced values from a to b (n ≥ 2), or a single value 'a'. */
export function parseSw2(text: string): Parsed<number[]> {
  const parts = text.trim().split(':');
  const nums = parts.map((p) => (/^\s*\d*\.?\d+(e[+-]?\d+)?\s*$/i.test(p) ? Number(p) : Number.NaN));
  if (parts.length === 1 && nums[0] > 0 && nums[0] <= MAP_SW2_MAX) return { ok: true, value: [nums[0]] };
  if (parts.length !== 3 || nums.some(Number.isNaN))
    return { ok: false, message: `σ_w² range "${text}" is not a:b:n (e.g. 1:4:16)` };
  const [a, b, n] = nums;
  if (!(a > 0 && b > a && b <= MAP_SW2_MAX))
    return { ok: false, message: `σ_w² range needs 0 < a < b ≤ ${MAP_SW2_MAX}, got ${a}:${b}` };
  if (!Number.isInteger(n) || n < 2 || n > 64)
    return { ok: false, message: `σ_w² range needs 2 to 64 columns, got ${n}` };
  // Rounded to 12 significant digits so '1:4:16' gives 1.2 and not 1.2000000000000002.
  return {
    ok: true,
    value: Array.from({ length: n }, (_, i) => Number((a + ((b - a) * i) / (n - 1)).toPrecision(12))),
  };
}

/** '2,4,8' → ascending distinct depths in 1..MAP_MAX_DEPTH. */
export function parseDepths(text: string): Parsed<number[]> {
  const parts = text.split(',').map((s) => s.trim());
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p))
      return { ok: false, message: `depth "${p}" is not a whole number (list like 2,4,8)` };
    const d = Number(p);
    if (d < 1 || d > MAP_MAX_DEPTH)
      return { ok: false, message: `depth ${d} is outside 1..${MAP_MAX_DEPTH}` };
    if (!out.includes(d)) out.push(d);
  }
  if (out.length === 0) return { ok: false, message: 'no depths given' };
  return { ok: true, value: out.sort((x, y) => x - y) };
}

export function checkCellCount(axes: MapAxes): string | null {
  const n = axes.sw2.length * axes.depth.length;
  return n > MAP_MAX_CELLS ? `${n} cells is more than the ${MAP_MAX_CELLS} one map may train` : null;
}
