// The (σ_w², σ_b²) phase diagram: colour = log₂ χ₁ (blue ordered, white critical, red chaotic), the
// critical line χ₁ = 1 in black, contours of the correlation depth scale ξ_c in grey, and the explorer's
// network as a dot. The grid arrives progressively from the lab worker; missing points are left grey.
import { criticalLine, type PhaseGrid } from '../../engine/theory/phaseGrid';
import type { PhaseSnapshot } from '../../lab/protocol';
import { contourSegments } from './contour';
import { divergingColor } from './heatmapChart';
import { type Box, drawAxes, drawCentered, plotBox, scale, type Theme } from './plot';

export const XI_LEVELS = [2, 5, 10, 20, 50] as const;

export function phaseBox(w: number, h: number, theme: Theme): Box {
  return plotBox(w, h, theme, { bottom: theme.fontPx * 3 });
}

/** The (σ_w², σ_b²) under a point of the canvas, or null outside the plot. */
export function phaseValueAt(box: Box, snap: Pick<PhaseSnapshot, 'sw2' | 'sb2'>, x: number, y: number) {
  if (x < box.x || x > box.x + box.w || y < box.y || y > box.y + box.h) return null;
  const w0 = snap.sw2[0];
  const w1 = snap.sw2[snap.sw2.length - 1];
  const b0 = snap.sb2[0];
  const b1 = snap.sb2[snap.sb2.length - 1];
  return {
    sw2: w0 + ((x - box.x) / box.w) * (w1 - w0),
    sb2: b0 + ((box.y + box.h - y) / box.h) * (b1 - b0),
  };
}

let scratch: HTMLCanvasElement | null = null;

export function drawPhase(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  snap: PhaseSnapshot | null,
  dot: { sw2: number; sb2: number } | null,
): void {
  if (!snap) {
    drawCentered(ctx, w, h, 'computing the phase diagram…', theme);
    return;
  }
  const box = phaseBox(w, h, theme);
  const nx = snap.sw2.length;
  const ny = snap.sb2.length;
  const sx = scale(snap.sw2[0], snap.sw2[nx - 1], box.x, box.x + box.w);
  const sy = scale(snap.sb2[0], snap.sb2[ny - 1], box.y + box.h, box.y);
  scratch ??= document.createElement('canvas');
  scratch.width = nx;
  scratch.height = ny;
  const sctx = scratch.getContext('2d', { willReadFrequently: true })!;
  const img = sctx.createImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const chi = snap.chi1[j * nx + i];
      const p = ((ny - 1 - j) * nx + i) * 4; // row 0 (σ_b² = 0) at the bottom
      if (Number.isNaN(chi)) {
        img.data.set([200, 200, 200, 255], p);
        continue;
      }
      // Full colour at χ₁ = 1.5 or 1/1.5: tanh's chaotic side only reaches χ₁ ≈ 1.35 at σ_w² = 4.
      const t = chi > 0 ? Math.log(chi) / Math.log(1.5) : -1;
      img.data.set([...divergingColor(t), 255], p);
    }
  }
  sctx.putImageData(img, 0, 0);
  // Pixel centres on the grid's nodes: the image reaches half a cell past the box, clipped.
  const dx = box.w / (nx - 1);
  const dy = box.h / (ny - 1);
  ctx.save();
  ctx.beginPath();
  ctx.rect(box.x, box.y, box.w, box.h);
  ctx.clip();
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(scratch, box.x - dx / 2, box.y - dy / 2, box.w + dx, box.h + dy);
  const gx = (i: number) => box.x + i * dx;
  const gy = (j: number) => box.y + box.h - j * dy;
  // ξ_c contours, interpolated in log ξ.
  const logXi = Float64Array.from(snap.xiC, (v) => (v > 0 ? Math.log(v) : Number.NaN));
  ctx.strokeStyle = 'rgba(40, 40, 40, 0.55)';
  ctx.fillStyle = 'rgba(20, 20, 20, 0.85)';
  ctx.font = theme.font;
  ctx.lineWidth = 1;
  ctx.setLineDash([3, 3]);
  const labels: [number, number, number][] = [];
  for (const level of XI_LEVELS) {
    const segs = contourSegments(logXi, nx, ny, Math.log(level));
    ctx.beginPath();
    for (const [x0, y0, x1, y1] of segs) {
      ctx.moveTo(gx(x0), gy(y0));
      ctx.lineTo(gx(x1), gy(y1));
    }
    ctx.stroke();
    // Label each level once, at its segment nearest the top edge, unless another label is there already
    // (near the critical line the contours crowd together).
    const top = segs.reduce<number[] | null>((best, s) => (!best || s[1] > best[1] ? s : best), null);
    if (top) {
      const lx = gx(top[0]) + 2;
      const ly = gy(top[1]) + theme.fontPx;
      const text = `ξ=${level}`;
      const tw = ctx.measureText(text).width;
      if (labels.every(([x, y, w]) => lx + tw < x - 2 || lx > x + w + 2 || Math.abs(ly - y) > theme.fontPx)) {
        ctx.fillText(text, lx, ly);
        labels.push([lx, ly, tw]);
      }
    }
  }
  ctx.setLineDash([]);
  // The critical line χ₁ = 1 (interpolated per row).
  const line = criticalLine(snap as PhaseGrid);
  ctx.strokeStyle = '#111';
  ctx.lineWidth = 2;
  ctx.beginPath();
  let pen = false;
  line.forEach((v, j) => {
    if (v === null) {
      pen = false;
      return;
    }
    if (pen) ctx.lineTo(sx.map(v), gy(j));
    else ctx.moveTo(sx.map(v), gy(j));
    pen = true;
  });
  ctx.stroke();
  ctx.restore();
  drawAxes(ctx, box, sx, sy, theme, { x: 'σ_w² = fan_in · Var(W)', y: 'σ_b² = Var(b)', grid: false });
  if (dot) {
    const inside =
      dot.sw2 >= snap.sw2[0] &&
      dot.sw2 <= snap.sw2[nx - 1] &&
      dot.sb2 >= snap.sb2[0] &&
      dot.sb2 <= snap.sb2[ny - 1];
    const px = Math.min(box.x + box.w, Math.max(box.x, sx.map(dot.sw2)));
    const py = Math.min(box.y + box.h, Math.max(box.y, sy.map(dot.sb2)));
    ctx.save();
    ctx.fillStyle = inside ? '#ffd43b' : 'transparent';
    ctx.strokeStyle = '#111';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(px, py, 6, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.restore();
  }
  if (snap.filled < nx * ny) {
    ctx.save();
    ctx.font = theme.font;
    ctx.fillStyle = theme.fg;
    ctx.textAlign = 'right';
    ctx.fillText(
      `computing… ${Math.round((100 * snap.filled) / (nx * ny))} %`,
      box.x + box.w - 4,
      box.y + theme.fontPx + 2,
    );
    ctx.restore();
  }
}
