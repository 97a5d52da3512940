// Draws a depth profile: x = hidden layer, y = std on a log axis. Shared by the explorer's depth panel and
// the compare overlay.
import { drawAxes, drawCentered, drawLine, extent, type LineStyle, plotBox, scale, type Theme } from './plot';

export interface DepthSeries {
  values: ArrayLike<number>;
  style: LineStyle;
  /** Named series with nothing drawable (all 0 or non-finite) are listed in the plot instead. */
  label?: string;
}

/**
 * Below this an std is an exact zero in disguise (float32 stops near 1e-45; the mean-field recursion of a
 * zero-weight network bottoms out near 1e-150): off the log axis, so it cannot stretch the axis to 1e-150.
 */
export const LOG_FLOOR = 1e-100;

function drawable(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++)
    if (values[i] > LOG_FLOOR && Number.isFinite(values[i])) return true;
  return false;
}

/** The values with anything at or below LOG_FLOOR set to 0 (which a log axis leaves out). */
export function aboveFloor(values: ArrayLike<number>): number[] {
  return Array.from(values, (v) => (v > LOG_FLOOR || !Number.isFinite(v) ? v : 0));
}

export function drawDepth(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  series: readonly DepthSeries[],
  layers: number,
  empty: string,
): void {
  if (layers === 0 || series.length === 0) {
    drawCentered(ctx, w, h, empty, theme);
    return;
  }
  const shown = series.map((s) => ({ ...s, values: aboveFloor(s.values) }));
  const all: number[] = [];
  for (const s of shown) for (const v of s.values) all.push(v);
  const [y0, y1] = extent(all, true, [1e-3, 10]);
  const box = plotBox(w, h, theme);
  const sx = scale(layers > 1 ? 1 : 0.5, layers > 1 ? layers : 1.5, box.x, box.x + box.w);
  const sy = scale(y0, y1, box.y + box.h, box.y, true);
  const xTicks = layers <= 12 ? Array.from({ length: layers }, (_, i) => i + 1) : undefined;
  drawAxes(ctx, box, sx, sy, theme, { x: 'hidden layer ℓ', y: 'std (log)', xTicks });
  const missing: string[] = [];
  for (const s of shown) {
    if (s.label && !drawable(s.values)) missing.push(s.label);
    drawLine(
      ctx,
      s.values.length,
      (i) => i + 1,
      (i) => s.values[i],
      sx,
      sy,
      box,
      {
        ...s.style,
        dots: s.style.dots ?? layers <= 30,
      },
    );
  }
  if (!shown.some((s) => drawable(s.values))) {
    // Zero init: a blank plot with a footnote reads as "broken"; say it in the middle.
    drawCentered(ctx, w, h, 'every std is 0: nothing to draw on a log axis', theme);
  } else if (missing.length > 0) {
    ctx.save();
    ctx.font = theme.font;
    ctx.fillStyle = theme.muted;
    ctx.textBaseline = 'bottom';
    ctx.fillText(
      `std 0 or not finite, off the log axis: ${missing.join(', ')}`,
      box.x + 4,
      box.y + box.h - 3,
    );
    ctx.restore();
  }
}
