// Small pure helpers of the training worker: the mean-field overlay in the shape the page draws, the
// 2-D data preview, and the grid of points for the decision boundary.
import type { RunConfig } from '../engine/config';
import type { Dataset } from '../engine/data';
import { meanField } from '../engine/theory/meanField';
import type { DataPreview, TheoryProfile } from './workerProtocol';

const PREVIEW_POINTS = 400;

export function theoryOf(config: RunConfig, dims: number[], dataset: Dataset): TheoryProfile | null {
  try {
    const t = meanField(config, dims, dataset.inputMeanSq);
    const stream = t.layers.map((l) => l.streamStd ?? Number.NaN);
    return {
      actStd: t.layers.map((l) => l.actStd),
      // NaN where the theory makes no gradient prediction (residual networks).
      gradRatio: t.layers.map((l) => Math.sqrt(l.gradRatio)),
      chi: t.summary.chi1,
      ...(config.res === 1 ? { streamStd: stream } : {}),
      arch: t.summary.arch,
    };
  } catch {
    // The overlay is an extra: a theory failure must not stop the run.
    return null;
  }
}

/** Up to 400 training points of a 2-D dataset, evenly strided, and the plane to draw them on. */
export function previewOf(dataset: Dataset): DataPreview | null {
  if (dataset.inDim !== 2) return null;
  const n = dataset.train.n;
  const take = Math.min(n, PREVIEW_POINTS);
  const x = new Float32Array(take * 2);
  const y = new Int32Array(take);
  let lo0 = Number.POSITIVE_INFINITY;
  let hi0 = Number.NEGATIVE_INFINITY;
  let lo1 = Number.POSITIVE_INFINITY;
  let hi1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const a = dataset.train.x[2 * i];
    const b = dataset.train.x[2 * i + 1];
    lo0 = Math.min(lo0, a);
    hi0 = Math.max(hi0, a);
    lo1 = Math.min(lo1, b);
    hi1 = Math.max(hi1, b);
  }
  for (let k = 0; k < take; k++) {
    const i = Math.floor((k * n) / take);
    x[2 * k] = dataset.train.x[2 * i];
    x[2 * k + 1] = dataset.train.x[2 * i + 1];
    y[k] = dataset.train.y[i];
  }
  // A square plane around the data, 10 % margin, so the boundary is not distorted.
  const c0 = (lo0 + hi0) / 2;
  const c1 = (lo1 + hi1) / 2;
  const half = (Math.max(hi0 - lo0, hi1 - lo1) / 2) * 1.1 || 1;
  return { x, y, classes: dataset.classes, bounds: [c0 - half, c0 + half, c1 - half, c1 + half] };
}

/** Cell centres of a grid×grid lattice over bounds, row 0 at the top (largest y), row-major. */
export function decisionGrid(bounds: readonly [number, number, number, number], grid: number): Float32Array {
  const [x0, x1, y0, y1] = bounds;
  const out = new Float32Array(grid * grid * 2);
  for (let r = 0; r < grid; r++) {
    for (let c = 0; c < grid; c++) {
      const p = (r * grid + c) * 2;
      out[p] = x0 + ((c + 0.5) / grid) * (x1 - x0);
      out[p + 1] = y1 - ((r + 0.5) / grid) * (y1 - y0);
    }
  }
  return out;
}
