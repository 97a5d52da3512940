// Layer × step heatmap of log10 std. Diverging colours centred on std = 1: blue where the signal has
// shrunk, red where it has grown, white where it is preserved; black where it is not finite.
import { layerCount, layerValue, recStep } from '../../store/recordView';
import type { LayerScalarKey } from '../../engine/stats/layerFields';
import { drawAxes, drawCentered, fmt, linearTicks, plotBox, scale, type Theme } from './plot';
import { bandIndex, type ReadoutGrid } from './readout';

/** Diverging blue–white–red for t in [−1, 1]. */
export function divergingColor(t: number): [number, number, number] {
  const c = Math.max(-1, Math.min(1, t));
  const blue: [number, number, number] = [33, 102, 172];
  const red: [number, number, number] = [178, 24, 43];
  const white: [number, number, number] = [247, 247, 247];
  const [a, b, k] = c < 0 ? [white, blue, -c] : [white, red, c];
  return [0, 1, 2].map((j) => Math.round(a[j] + (b[j] - a[j]) * k ** 0.8)) as [number, number, number];
}

/** Half-range of the colour scale in decades: covers the data, at least 1, at most 12. */
export function decadeRange(recs: readonly Float32Array[], f: LayerScalarKey, center = 0): number {
  let m = 1;
  for (const r of recs) {
    const n = layerCount(r);
    for (let i = 0; i < n; i++) {
      const v = layerValue(r, i, f);
      if (v > 0 && Number.isFinite(v)) m = Math.max(m, Math.abs(Math.log10(v) - center));
    }
  }
  return Math.min(12, Math.ceil(m));
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '.': '·',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** "-2.9" → "⁻²·⁹", for powers of ten written on a canvas. */
export function superscript(s: string): string {
  return [...s].map((ch) => SUPERSCRIPT[ch] ?? ch).join('');
}

let scratch: HTMLCanvasElement | null = null;

/** Most cells drawn per axis: beyond that, records and layers are sampled evenly (a few pixels each anyway). */
const MAX_COLS = 320;
const MAX_ROWS = 160;

/** `count` indices spread evenly over [0, n), first and last included. */
export function spread(n: number, count: number): number[] {
  if (n <= count) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: count }, (_, k) => Math.round((k * (n - 1)) / (count - 1)));
}

export interface HeatmapMarks {
  /** The linked layer (1-based): its row is outlined. */
  layer: number | null;
  /** The time scrubber's step: its column is marked. */
  step: number | null;
}

/** Index of the last shown column whose step is ≤ step. */
function columnOf(shown: readonly Float32Array[], step: number): number {
  let c = 0;
  for (let i = 0; i < shown.length; i++) if (recStep(shown[i]) <= step) c = i;
  return c;
}

/** Nearest drawn row of a layer (rows are sampled when there are more layers than pixels to spare). */
function rowOfLayer(rowIdx: readonly number[], layer: number): number {
  let best = -1;
  let d = Number.POSITIVE_INFINITY;
  rowIdx.forEach((li, r) => {
    if (Math.abs(li + 1 - layer) < d) {
      d = Math.abs(li + 1 - layer);
      best = r;
    }
  });
  return best;
}

/** Draws the heatmap; returns the grid it drew (for hover readouts), or null when there is nothing. */
export function drawHeatmap(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  recs: readonly Float32Array[],
  f: LayerScalarKey,
  label: string,
  /** log10 of the std drawn white (0: std = 1). */
  center = 0,
  marks: HeatmapMarks = { layer: null, step: null },
): ReadoutGrid | null {
  if (recs.length === 0) {
    drawCentered(ctx, w, h, 'no steps yet', theme);
    return null;
  }
  const layers = layerCount(recs[0]);
  const colIdx = spread(recs.length, MAX_COLS);
  const rowIdx = spread(layers, MAX_ROWS);
  const shown = colIdx.map((c) => recs[c]);
  const cols = shown.length;
  const rows = rowIdx.length;
  const range = decadeRange(shown, f, center);
  scratch ??= document.createElement('canvas');
  scratch.width = cols;
  scratch.height = rows;
  const sctx = scratch.getContext('2d', { willReadFrequently: true })!;
  const img = sctx.createImageData(cols, rows);
  for (let c = 0; c < cols; c++) {
    const r = shown[c];
    for (let i = 0; i < rows; i++) {
      const v = layerValue(r, rowIdx[i], f);
      const p = (i * cols + c) * 4;
      if (!Number.isFinite(v)) {
        img.data[p + 3] = 255; // black
        continue;
      }
      const [R, G, B] = v > 0 ? divergingColor((Math.log10(v) - center) / range) : divergingColor(-1);
      img.data[p] = R;
      img.data[p + 1] = G;
      img.data[p + 2] = B;
      img.data[p + 3] = 255;
    }
  }
  sctx.putImageData(img, 0, 0);
  const mid = center === 0 ? '1' : `10${superscript(center.toFixed(1))}`;
  const caption = `white = ${mid}, ±${range} decades`;
  ctx.save();
  ctx.font = theme.font;
  const captionW = ctx.measureText(caption).width;
  const stepW = ctx.measureText('step').width;
  ctx.restore();
  // On a narrow chart the colour-scale caption would run into the centred "step": give it a line of its own.
  let box = plotBox(w, h, theme, { bottom: theme.fontPx * 2.8 });
  const ownLine = captionW + stepW / 2 + 8 > box.w / 2;
  if (ownLine) box = plotBox(w, h, theme, { bottom: theme.fontPx * 4.1 });
  // x: record columns are evenly spread; label them with their steps.
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(scratch, box.x, box.y, box.w, box.h);
  const sy = scale(0.5, layers + 0.5, box.y, box.y + box.h);
  const yTicks = linearTicks(1, layers, Math.min(5, layers)).filter((t) => Number.isInteger(t) && t >= 1);
  // Columns are records, which after thinning are not evenly spaced in steps; tick labels use the
  // step of the column under them.
  const xTicks = linearTicks(0, cols - 1, 4).map((c) => Math.round(c));
  drawAxes(ctx, box, scale(0, Math.max(1, cols - 1), box.x, box.x + box.w), sy, theme, {
    y: label,
    yTicks,
    xTicks: [],
    grid: false,
  });
  ctx.save();
  ctx.font = theme.font;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const c of xTicks) {
    const x = box.x + ((c + 0.5) / cols) * box.w;
    ctx.fillText(String(recStep(shown[Math.min(cols - 1, c)])), x, box.y + box.h + 4);
  }
  ctx.fillStyle = theme.fg;
  ctx.fillText('step', box.x + box.w / 2, box.y + box.h + theme.fontPx * 1.5);
  ctx.textAlign = 'right';
  ctx.fillText(caption, box.x + box.w, box.y + box.h + theme.fontPx * (ownLine ? 2.8 : 1.5));
  const cellW = box.w / cols;
  const cellH = box.h / rows;
  if (marks.layer !== null && marks.layer <= layers) {
    const r = rowOfLayer(rowIdx, marks.layer);
    ctx.strokeStyle = theme.fg;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(box.x + 0.75, box.y + r * cellH, box.w - 1.5, Math.max(2, cellH));
  }
  if (marks.step !== null) {
    const c = columnOf(shown, marks.step);
    ctx.strokeStyle = theme.fg;
    ctx.setLineDash([2, 2]);
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(Math.round(box.x + (c + 0.5) * cellW) + 0.5, box.y);
    ctx.lineTo(Math.round(box.x + (c + 0.5) * cellW) + 0.5, box.y + box.h);
    ctx.stroke();
  }
  ctx.restore();
  const what = label.includes('gradient') ? 'gradient std' : 'activation std';
  return {
    cols,
    rows,
    cellAt: (x, y) => {
      const col = bandIndex(x, box.x, box.w, cols);
      const row = bandIndex(y, box.y, box.h, rows);
      return col < 0 || row < 0 ? null : { col, row };
    },
    rect: ({ col, row }) => ({ x: box.x + col * cellW, y: box.y + row * cellH, w: cellW, h: cellH }),
    text: ({ col, row }) => {
      const r = shown[col];
      const layer = rowIdx[row] + 1;
      const v = layerValue(r, rowIdx[row], f);
      const decades = v > 0 && Number.isFinite(v) ? ` (log₁₀ ${fmt(Math.log10(v), 3)})` : '';
      return `layer ${layer}, step ${recStep(r)}: ${what} ${fmt(v, 4)}${decades}`;
    },
    layerOf: (row) => rowIdx[row] + 1,
    rowOf: (layer) => rowOfLayer(rowIdx, layer),
  };
}
