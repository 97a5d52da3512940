// The trainability map: σ_w² columns × depth rows (shallow at the bottom), each cell coloured by its final
// training accuracy (chance → white, perfect → dark green) or by how far its loss fell; cells not trained yet
// are grey. Theory's ξ_c (solid) and 6 ξ_c (dashed) per column are drawn on the depth axis.
import { deepestTrainable } from '../../engine/map/band';
import type { MapMetric } from '../../engine/map/link';
import type { MapRun } from '../../store/lab';
import { type Box, drawCentered, fmt, plotBox, type Theme } from './plot';

export function mapBox(w: number, h: number, theme: Theme): Box {
  return plotBox(w, h, theme, { left: theme.fontPx * 4, bottom: theme.fontPx * 3 });
}

/** 0 (untrainable) … 1 (trained) for a cell, NaN when its loss is not finite. */
export function cellScore(
  c: { loss0: number; loss: number; accuracy: number },
  metric: MapMetric,
  classes: number,
): number {
  if (!Number.isFinite(c.loss)) return Number.NaN;
  if (metric === 'drop') return Math.max(0, Math.min(1, 1 - c.loss / c.loss0));
  const chance = 1 / classes;
  return Math.max(0, Math.min(1, (c.accuracy - chance) / (1 - chance)));
}

function green(t: number): string {
  const a = [247, 247, 247];
  const b = [27, 120, 55];
  return `rgb(${a.map((v, i) => Math.round(v + (b[i] - v) * t)).join(',')})`;
}

/** Fractional row of a depth: linear in log depth between the rows' depths, beyond them extrapolated. */
export function depthRow(depths: readonly number[], d: number): number {
  const n = depths.length;
  if (n === 1) return 0;
  const l = Math.log(d);
  let i = 0;
  while (i < n - 2 && Math.log(depths[i + 1]) < l) i++;
  const a = Math.log(depths[i]);
  const b = Math.log(depths[i + 1]);
  return i + (l - a) / (b - a);
}

export function cellAt(box: Box, run: Pick<MapRun, 'sw2' | 'depths'>, x: number, y: number) {
  if (x < box.x || x >= box.x + box.w || y < box.y || y >= box.y + box.h) return null;
  const col = Math.floor(((x - box.x) / box.w) * run.sw2.length);
  const row = run.depths.length - 1 - Math.floor(((y - box.y) / box.h) * run.depths.length);
  return { col, row };
}

export function drawMap(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  run: MapRun | null,
  metric: MapMetric,
  classes: number,
): void {
  if (!run) {
    drawCentered(ctx, w, h, 'no map yet: press Train map', theme);
    return;
  }
  const box = mapBox(w, h, theme);
  const nx = run.sw2.length;
  const ny = run.depths.length;
  const cw = box.w / nx;
  const ch = box.h / ny;
  const rowY = (r: number) => box.y + box.h - (r + 0.5) * ch; // centre of row r
  ctx.save();
  for (let r = 0; r < ny; r++) {
    for (let c = 0; c < nx; c++) {
      const cell = run.cells[r * nx + c];
      const s = cell ? cellScore(cell, metric, classes) : Number.NaN;
      ctx.fillStyle = !cell ? '#d9d9d9' : Number.isNaN(s) ? '#000' : green(s);
      ctx.fillRect(box.x + c * cw, box.y + box.h - (r + 1) * ch, Math.ceil(cw), Math.ceil(ch));
    }
  }
  // The band's edge: a black bar on top of each column's deepest trainable cell (accuracy at least halfway
  // from chance to 1), the cell the theory lines are compared with.
  const deepest = deepestTrainable(run.sw2, run.cells, classes);
  ctx.fillStyle = '#111';
  deepest.forEach((d, c) => {
    const r = run.depths.indexOf(d);
    if (r >= 0) ctx.fillRect(box.x + c * cw + cw * 0.15, box.y + box.h - (r + 1) * ch, cw * 0.7, 3);
  });
  ctx.strokeStyle = theme.muted;
  ctx.strokeRect(box.x + 0.5, box.y + 0.5, box.w, box.h);
  // Theory curves, clipped to the plot (ξ_c can be far deeper than the grid near the critical line).
  if (run.theory) {
    ctx.beginPath();
    ctx.rect(box.x, box.y, box.w, box.h);
    ctx.clip();
    const curve = (factor: number, dash: number[]) => {
      ctx.setLineDash(dash);
      ctx.strokeStyle = '#c92a2a';
      ctx.lineWidth = 2;
      ctx.beginPath();
      let pen = false;
      run.theory!.xi_c.forEach((xi, c) => {
        const d = xi * factor;
        if (!(d > 0)) {
          pen = false;
          return;
        }
        const y = Number.isFinite(d) ? rowY(depthRow(run.depths, d)) : box.y - 10;
        const x = box.x + (c + 0.5) * cw;
        if (pen) ctx.lineTo(x, y);
        else ctx.moveTo(x, y);
        pen = true;
      });
      ctx.stroke();
    };
    curve(1, []);
    curve(6, [6, 4]);
    ctx.setLineDash([]);
  }
  ctx.restore();
  // Axes: every row's depth, a readable subset of the σ_w² columns.
  ctx.save();
  ctx.font = theme.font;
  ctx.fillStyle = theme.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  const rowEvery = Math.max(1, Math.ceil((theme.fontPx * 1.2) / ch));
  for (let r = 0; r < ny; r += rowEvery) ctx.fillText(String(run.depths[r]), box.x - 4, rowY(r));
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  const colEvery = Math.max(1, Math.ceil((theme.fontPx * 3) / cw));
  for (let c = 0; c < nx; c += colEvery)
    ctx.fillText(fmt(run.sw2[c], 3), box.x + (c + 0.5) * cw, box.y + box.h + 4);
  ctx.fillStyle = theme.fg;
  ctx.fillText('σ_w²', box.x + box.w / 2, box.y + box.h + theme.fontPx * 1.6);
  ctx.translate(theme.fontPx * 0.2, box.y + box.h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText('depth', 0, 0);
  ctx.restore();
}
