// Decision boundary for the 2-D datasets: the trainer's class probabilities over a grid (computed in the
// worker on the run's own backend), coloured by the winning class and shaded by confidence, with the
// training points on top.
import { useEffect } from 'react';
import { useConfigStore } from '../../store/configStore';
import { boundaries, wantBoundary } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';
import { CanvasReadout, drew, useReadout } from '../charts/CanvasReadout';
import { drawCentered, fmt, type Theme } from '../charts/plot';
import { bandIndex, type ReadoutGrid } from '../charts/readout';
import { useCanvasChart } from '../charts/useCanvasChart';
import type { DataPreview } from '../../gpu/workerProtocol';
import { useLocalData } from '../../store/localData';
import { TWO_D } from '../labels';
import { Panel } from './Panel';
import { boundarySummary } from './summaries';
import { useThrottled } from './useThrottled';

function BoundaryCaption({ classes }: { classes: number }) {
  const text = useThrottled(boundaries[0], () => boundarySummary(boundaries[0].value, classes), 500, [
    classes,
  ]);
  return (
    <p className="caption" data-testid="boundary-summary">
      {text}
    </p>
  );
}

const GRID = 48;

function hexToRgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m
    ? [Number.parseInt(m[1], 16), Number.parseInt(m[2], 16), Number.parseInt(m[3], 16)]
    : [128, 128, 128];
}

let scratch: HTMLCanvasElement | null = null;

function draw(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  theme: Theme,
  preview: DataPreview | null,
): ReadoutGrid | null {
  const b = boundaries[0].value;
  if (!preview) {
    drawCentered(ctx, w, h, 'loading the dataset…', theme);
    return null;
  }
  const side = Math.min(w, h);
  const ox = (w - side) / 2;
  const [x0, x1, y0, y1] = preview.bounds;
  const k = preview.classes;
  if (b && b.probs.length === b.grid * b.grid * k) {
    scratch ??= document.createElement('canvas');
    scratch.width = b.grid;
    scratch.height = b.grid;
    const sctx = scratch.getContext('2d', { willReadFrequently: true })!;
    const img = sctx.createImageData(b.grid, b.grid);
    const rgb = theme.classes.map(hexToRgb);
    for (let p = 0; p < b.grid * b.grid; p++) {
      let best = 0;
      for (let c = 1; c < k; c++) if (b.probs[p * k + c] > b.probs[p * k + best]) best = c;
      const conf = b.probs[p * k + best];
      const [r, g, bl] = rgb[best % rgb.length];
      // Fade towards white where the network is unsure (confidence 1/k → white).
      // Always a tint of the winning class (a vanished network shows one flat colour), stronger when sure.
      const t = Number.isFinite(conf) ? 0.18 + Math.max(0, (conf - 1 / k) / (1 - 1 / k)) * 0.5 : 0;
      img.data[p * 4] = 255 + (r - 255) * t;
      img.data[p * 4 + 1] = 255 + (g - 255) * t;
      img.data[p * 4 + 2] = 255 + (bl - 255) * t;
      img.data[p * 4 + 3] = 255;
    }
    sctx.putImageData(img, 0, 0);
    ctx.imageSmoothingEnabled = true;
    ctx.drawImage(scratch, ox, 0, side, side);
  }
  ctx.strokeStyle = theme.muted;
  ctx.strokeRect(ox + 0.5, 0.5, side - 1, side - 1);
  const n = preview.y.length;
  for (let i = 0; i < n; i++) {
    const px = ox + ((preview.x[2 * i] - x0) / (x1 - x0)) * side;
    const py = ((y1 - preview.x[2 * i + 1]) / (y1 - y0)) * side;
    ctx.fillStyle = theme.classes[preview.y[i] % theme.classes.length];
    ctx.beginPath();
    ctx.arc(px, py, 2.6, 0, Math.PI * 2);
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 0.7;
    ctx.stroke();
  }
  if (b) {
    ctx.fillStyle = theme.fg;
    ctx.font = theme.font;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'top';
    ctx.fillText(`step ${b.step}`, ox + 4, 4);
  }
  if (!b || b.probs.length !== b.grid * b.grid * k) return null;
  const g = b.grid;
  const cell = side / g;
  return {
    cols: g,
    rows: g,
    cellAt: (x, y) => {
      const col = bandIndex(x, ox, side, g);
      const row = bandIndex(y, 0, side, g);
      return col < 0 || row < 0 ? null : { col, row };
    },
    rect: ({ col, row }) => ({ x: ox + col * cell, y: row * cell, w: cell, h: cell }),
    text: ({ col, row }) => {
      // The grid's first row is the top of the plane (largest y), as drawn.
      const p = row * g + col;
      const px = x0 + ((col + 0.5) / g) * (x1 - x0);
      const py = y1 - ((row + 0.5) / g) * (y1 - y0);
      let best = 0;
      for (let c = 1; c < k; c++) if (b.probs[p * k + c] > b.probs[p * k + best]) best = c;
      const probs = Array.from({ length: k }, (_, c) => fmt(b.probs[p * k + c], 3)).join(', ');
      return `step ${b.step}, (x, y) = (${fmt(px, 3)}, ${fmt(py, 3)}): class ${best}, p = ${fmt(b.probs[p * k + best], 3)}\nall classes: ${probs}`;
    },
  };
}

export function Boundary() {
  const data = useConfigStore((s) => s.config.data);
  const preview = useRunStore((s) => s.slots[0]?.preview ?? null);
  // Your own CSV has a plane too when it has exactly two feature columns.
  const csvFeatures = useLocalData((s) => s.summary?.features ?? 0);
  const twoD = TWO_D.includes(data) || (data === 'local' && csvFeatures === 2);
  useEffect(() => {
    if (!twoD) return;
    wantBoundary(0, GRID);
    return () => wantBoundary(0, 0);
  }, [twoD]);
  const readout = useReadout();
  const ref = useCanvasChart(
    (ctx, w, h, theme) => drew(readout, draw(ctx, w, h, theme, preview)),
    [boundaries[0]],
    [preview],
  );
  return (
    <Panel
      name="boundary"
      title="Decision boundary"
      help={
        twoD
          ? 'The network’s prediction over the plane (colour = predicted class, paler = less sure) and the training points. A network whose signal vanished predicts one flat colour.'
          : 'Shown for the 2-D datasets (spiral, circles, xor, gaussians, moons) and for your own CSV with two feature columns.'
      }
    >
      {twoD && (
        <CanvasReadout
          readout={readout}
          canvasRef={ref}
          className="chart square"
          canvasLabel="Decision boundary over the input plane with training points"
          hint="Arrow keys move a cursor over the plane and read the predicted class."
          testId="boundary-chart"
        />
      )}
      {twoD && <BoundaryCaption classes={preview?.classes ?? 0} />}
    </Panel>
  );
}
