// A preset's thumbnail: its real depth profile at initialization (activation std forward in blue,
// gradient std backward in orange, log scale; compare runs dashed), as a small SVG. Pure string output,
// written to public/presets/ by scripts/preset-thumbnails.ts and checked to be current by a unit test.
import type { StatsRecord } from '../stats/types';

export const THUMB_W = 160;
export const THUMB_H = 90;
const PAD = 8;
const ACT = '#1f5fd1';
const GRAD = '#c2410c';

/** log10 of a std; exactly 0 (a dead or symmetric layer) is drawn on the floor; non-finite is a gap. */
function finiteLog(x: number): number | null {
  if (x === 0) return Number.NEGATIVE_INFINITY;
  return Number.isFinite(x) && x > 0 ? Math.log10(x) : null;
}

function path(values: (number | null)[], lo: number, hi: number): string {
  const n = values.length;
  const x = (i: number) => PAD + (n === 1 ? 0.5 : i / (n - 1)) * (THUMB_W - 2 * PAD);
  const y = (v: number) => THUMB_H - PAD - ((Math.max(v, lo) - lo) / (hi - lo || 1)) * (THUMB_H - 2 * PAD);
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)} ${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

/** SVG text of the depth profiles of `runs` (each the step-0 record of one run). */
export function thumbnailSvg(runs: readonly StatsRecord[], title: string): string {
  const series = runs.map((r) => ({
    act: r.layers.map((l) => finiteLog(l.act.std)),
    grad: r.layers.map((l) => finiteLog(l.grad.std)),
  }));
  const all = series
    .flatMap((s) => [...s.act, ...s.grad])
    .filter((v): v is number => v !== null && Number.isFinite(v));
  let lo = all.length > 0 ? Math.min(...all) : -1;
  let hi = all.length > 0 ? Math.max(...all) : 1;
  // At least two decades of range, so a flat profile is drawn flat, not as magnified noise.
  if (hi - lo < 2) {
    const mid = (hi + lo) / 2;
    lo = mid - 1;
    hi = mid + 1;
  }
  const lines: string[] = [];
  series.forEach((s, i) => {
    const dash = i === 0 ? '' : ' stroke-dasharray="4 3"';
    lines.push(`<path d="${path(s.act, lo, hi)}" stroke="${ACT}"${dash}/>`);
    lines.push(`<path d="${path(s.grad, lo, hi)}" stroke="${GRAD}"${dash}/>`);
  });
  const esc = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${THUMB_W} ${THUMB_H}" width="${THUMB_W}" height="${THUMB_H}" role="img">`,
    `<title>${esc}: depth profile at initialization</title>`,
    `<rect width="${THUMB_W}" height="${THUMB_H}" fill="#f4f6f9"/>`,
    `<path d="M${PAD} ${PAD}V${THUMB_H - PAD}H${THUMB_W - PAD}" stroke="#c5ccd6" fill="none"/>`,
    `<g fill="none" stroke-width="2" stroke-linejoin="round" stroke-linecap="round">`,
    ...lines,
    '</g>',
    '</svg>',
    '',
  ].join('\n');
}
