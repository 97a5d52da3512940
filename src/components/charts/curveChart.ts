// Draws curves against the training step (loss, accuracy), for one run or overlaid runs.
import { H } from '../../gpu/workerProtocol';
import { smooth } from './records';
import { drawAxes, drawCentered, drawLine, extent, plotBox, scale, type Theme } from './plot';

export interface CurveRun {
  recs: readonly Float32Array[];
  color: string;
  /** Also draw the raw per-batch values faintly under the smoothed line. */
  raw?: boolean;
  /** Draw the held-out split's values as dots. */
  test?: boolean;
}

export function drawCurves(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  runs: readonly CurveRun[],
  which: 'loss' | 'accuracy',
  logY: boolean,
): void {
  const trainIdx = which === 'loss' ? H.loss : H.accuracy;
  const testIdx = which === 'loss' ? H.testLoss : H.testAcc;
  let maxStep = 1;
  const values: number[] = [];
  for (const r of runs) {
    const n = r.recs.length;
    if (n > 0) maxStep = Math.max(maxStep, r.recs[n - 1][H.step]);
    for (const rec of r.recs) {
      values.push(rec[trainIdx]);
      if (r.test) values.push(rec[testIdx]);
    }
  }
  if (values.length === 0) {
    drawCentered(ctx, w, h, 'no steps yet', theme);
    return;
  }
  const [y0, y1] = which === 'accuracy' ? [0, 1] : extent(values, logY, [0.01, 10]);
  const box = plotBox(w, h, theme);
  const sx = scale(0, maxStep, box.x, box.x + box.w);
  const sy = scale(y0, y1, box.y + box.h, box.y, logY && which === 'loss');
  drawAxes(ctx, box, sx, sy, theme, {
    x: 'step',
    y: which === 'loss' ? (logY ? 'loss (log)' : 'loss') : 'accuracy',
  });
  for (const r of runs) {
    const recs = r.recs;
    const n = recs.length;
    const raw = new Float64Array(n);
    for (let i = 0; i < n; i++) raw[i] = recs[i][trainIdx];
    if (r.raw) {
      ctx.globalAlpha = 0.25;
      drawLine(
        ctx,
        n,
        (i) => recs[i][H.step],
        (i) => raw[i],
        sx,
        sy,
        box,
        { color: r.color, width: 1 },
      );
      ctx.globalAlpha = 1;
    }
    const sm = smooth(raw, n > 200 ? 0.1 : 0.3);
    drawLine(
      ctx,
      n,
      (i) => recs[i][H.step],
      (i) => sm[i],
      sx,
      sy,
      box,
      { color: r.color, width: 2 },
    );
    if (r.test) {
      const idx: number[] = [];
      for (let i = 0; i < n; i++) if (!Number.isNaN(recs[i][testIdx])) idx.push(i);
      drawLine(
        ctx,
        idx.length,
        (k) => recs[idx[k]][H.step],
        (k) => recs[idx[k]][testIdx],
        sx,
        sy,
        box,
        {
          color: theme.test,
          width: 1.2,
          dash: [4, 3],
          dots: true,
        },
      );
    }
  }
}
