// Histogram of the Jacobian's singular values on a log axis: now (filled) and at init (outline), with
// the root mean square measured (solid) and predicted by mean-field theory (dashed).
import type { SpectrumData } from '../../store/spectrum';
import { drawAxes, drawCentered, plotBox, scale, type Theme } from './plot';

type Measured = Extract<SpectrumData, { values: Float64Array }>;
const measured = (d: SpectrumData | null): d is Measured => d !== null && 'values' in d;

const BINS = 28;
/** Singular values below this are drawn in the first bin (exact zeros: dead ReLU paths). */
const FLOOR = 1e-12;

/** Decade range covering both spectra and both marks, at least 2 decades wide. */
export function spectrumRange(values: readonly ArrayLike<number>[], marks: number[]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (v: number) => {
    if (!(v > 0) || !Number.isFinite(v)) return;
    const l = Math.log10(Math.max(v, FLOOR));
    lo = Math.min(lo, l);
    hi = Math.max(hi, l);
  };
  for (const a of values) for (let i = 0; i < a.length; i++) see(a[i]);
  for (const m of marks) see(m);
  if (!Number.isFinite(lo)) return [-1, 1];
  lo = Math.floor(lo - 0.05);
  hi = Math.ceil(hi + 0.05);
  if (hi - lo < 2) {
    const mid = (lo + hi) / 2;
    return [Math.floor(mid - 1), Math.ceil(mid + 1)];
  }
  return [lo, hi];
}

export function histogram(values: ArrayLike<number>, lo: number, hi: number, bins = BINS): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const l = Math.log10(Math.max(values[i], FLOOR));
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((l - lo) / (hi - lo)) * bins)));
    counts[b]++;
  }
  return counts;
}

const rms = (d: Measured) => Math.sqrt(d.meanSquared);

export function drawSpectrum(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  latest: SpectrumData | null,
  init: SpectrumData | null,
): void {
  if (latest && !measured(latest)) {
    drawCentered(ctx, w, h, 'no spectrum for this network (see below)', theme);
    return;
  }
  if (!measured(latest)) {
    drawCentered(ctx, w, h, 'waiting for the network…', theme);
    return;
  }
  const ref = measured(init) && init.step !== latest.step ? init : null;
  const theoryRms = Math.sqrt(latest.theoryMeanSquared);
  const [lo, hi] = spectrumRange(ref ? [latest.values, ref.values] : [latest.values], [
    theoryRms,
    rms(latest),
  ]);
  const now = histogram(latest.values, lo, hi);
  const then = ref ? histogram(ref.values, lo, hi) : null;
  const top = Math.max(1, ...now, ...(then ?? []));
  const box = plotBox(w, h, theme, { left: theme.fontPx * 3.6 });
  const sx = scale(lo, hi, box.x, box.x + box.w);
  const sy = scale(0, top * 1.15, box.y + box.h, box.y);
  const ticks: number[] = [];
  const step = Math.max(1, Math.ceil((hi - lo) / 8));
  for (let t = lo; t <= hi; t += step) ticks.push(t);
  drawAxes(ctx, box, sx, sy, theme, { x: 'singular value (log₁₀ σ)', y: 'count', xTicks: ticks });
  const bw = box.w / now.length;
  ctx.save();
  ctx.fillStyle = theme.act;
  ctx.globalAlpha = 0.75;
  now.forEach((c, i) => {
    if (c > 0) ctx.fillRect(box.x + i * bw + 0.5, sy.map(c), Math.max(1, bw - 1), sy.map(0) - sy.map(c));
  });
  ctx.globalAlpha = 1;
  if (then) {
    ctx.strokeStyle = theme.muted;
    ctx.lineWidth = 1.5;
    then.forEach((c, i) => {
      if (c > 0) ctx.strokeRect(box.x + i * bw + 1, sy.map(c), Math.max(1, bw - 2), sy.map(0) - sy.map(c));
    });
  }
  const mark = (v: number, color: string, dash: number[]) => {
    if (!(v > 0) || !Number.isFinite(v)) return;
    const x = sx.map(Math.log10(v));
    ctx.strokeStyle = color;
    ctx.lineWidth = 2;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(x, box.y);
    ctx.lineTo(x, box.y + box.h);
    ctx.stroke();
  };
  mark(rms(latest), theme.fg, []);
  mark(theoryRms, theme.grad, [6, 4]);
  ctx.restore();
}
