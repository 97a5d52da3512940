// Drawing feature maps as greyscale tiles: one row per layer (the input first), one tile per channel. The
// grey scale is the point of the panel: with one scale for every layer (the input image's std), maps that
// vanish with depth fade to black (or to mid-grey when signed) and exploding ones saturate; "per layer"
// rescales each row to its own std to show the patterns instead.
import type { FeatureMapLayer, FeatureMaps } from '../../engine/featureMaps';
import { drawCentered, fmt, type Theme } from './plot';

export type FeatureScale = 'shared' | 'layer';

/** Population std of a map set (non-finite values skipped), and whether every finite value is ≥ 0. */
export function mapStats(data: Float32Array): { std: number; nonNegative: boolean } {
  let n = 0;
  let sum = 0;
  let nonNegative = true;
  for (const v of data)
    if (Number.isFinite(v)) {
      n++;
      sum += v;
      if (v < 0) nonNegative = false;
    }
  const mean = n > 0 ? sum / n : 0;
  let ss = 0;
  for (const v of data) if (Number.isFinite(v)) ss += (v - mean) ** 2;
  return { std: n > 0 ? Math.sqrt(ss / n) : Number.NaN, nonNegative };
}

/**
 * Grey level in [0, 255] of v for a scale s (> 0): non-negative maps (ReLU) run black at 0 to white at 3s;
 * signed maps are mid-grey at 0, black at −3s, white at +3s. Non-finite values are drawn white.
 */
export function greyOf(v: number, s: number, nonNegative: boolean): number {
  if (!Number.isFinite(v)) return 255;
  const t = nonNegative ? v / (3 * s) : 0.5 + v / (6 * s);
  return Math.round(255 * Math.min(1, Math.max(0, t)));
}

const LABEL_W = 74;
const GAP = 3;
export const ROW_PX = 34;

let scratch: HTMLCanvasElement | null = null;

function drawTile(
  ctx: CanvasRenderingContext2D,
  layer: FeatureMapLayer,
  c: number,
  s: number,
  nonNegative: boolean,
  x: number,
  y: number,
  size: number,
): void {
  const { side } = layer;
  const P = side * side;
  scratch ??= document.createElement('canvas');
  scratch.width = side;
  scratch.height = side;
  const sctx = scratch.getContext('2d', { willReadFrequently: true })!;
  const img = sctx.createImageData(side, side);
  for (let p = 0; p < P; p++) {
    const g = greyOf(layer.data[c * P + p], s, nonNegative);
    img.data[4 * p] = g;
    img.data[4 * p + 1] = g;
    img.data[4 * p + 2] = g;
    img.data[4 * p + 3] = 255;
  }
  sctx.putImageData(img, 0, 0);
  ctx.drawImage(scratch, x, y, size, size);
}

export function drawFeatureMaps(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  maps: FeatureMaps | null,
  scale: FeatureScale,
): void {
  if (!maps || maps.layers.length === 0) {
    drawCentered(ctx, w, h, 'waiting for the first feature maps…', theme);
    return;
  }
  const shared = mapStats(maps.layers[0].data).std;
  const most = Math.max(...maps.layers.map((l) => l.data.length / (l.side * l.side)));
  const size = Math.max(6, Math.min(ROW_PX - GAP, Math.floor((w - LABEL_W) / most) - GAP));
  ctx.imageSmoothingEnabled = false;
  ctx.font = theme.font;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  maps.layers.forEach((layer, row) => {
    const y = row * ROW_PX;
    if (y > h) return;
    const st = mapStats(layer.data);
    const s = scale === 'shared' ? shared : st.std;
    const usable = s > 0 && Number.isFinite(s);
    ctx.fillStyle = theme.fg;
    ctx.fillText(layer.layer === 0 ? 'input' : `layer ${layer.layer}`, 0, y + size / 2 - 6);
    ctx.fillStyle = theme.muted;
    ctx.fillText(`std ${fmt(st.std, 2)}`, 0, y + size / 2 + 7);
    const shown = layer.data.length / (layer.side * layer.side);
    for (let c = 0; c < shown; c++) {
      const x = LABEL_W + c * (size + GAP);
      if (usable) drawTile(ctx, layer, c, s, st.nonNegative, x, y, size);
      else {
        // All zero (or not finite): no scale to draw with; a flat tile says so.
        ctx.fillStyle = st.nonNegative ? '#000000' : '#808080';
        ctx.fillRect(x, y, size, size);
      }
    }
    if (layer.channels > shown) {
      ctx.fillStyle = theme.muted;
      ctx.fillText(`+${layer.channels - shown}`, LABEL_W + shown * (size + GAP), y + size / 2);
    }
  });
}
