// Text alternatives of the canvas charts: one sentence with the numbers a reader would look for, refreshed
// with the page's text (2 Hz). The depth profile's caption and the layer table do the same for theirs.
import { histBinCount, layerCount, layerHist, layerValue, recStep } from '../../store/recordView';
import { fmt } from '../charts/plot';
import { histBins } from '../charts/records';

/** Heatmap: how the first and last layers' std moved from the first to the newest record. */
export function heatmapSummary(first: Float32Array | undefined, last: Float32Array | null): string {
  if (!first || !last) return 'No steps yet.';
  const n = layerCount(last);
  const part = (f: 'actStd' | 'gradStd', layer: number) =>
    `layer ${layer} ${fmt(layerValue(first, layer - 1, f))} → ${fmt(layerValue(last, layer - 1, f))}`;
  return `From step ${recStep(first)} to step ${recStep(last)}: activation std ${part('actStd', 1)}, ${part('actStd', n)}; gradient std ${part('gradStd', 1)}, ${part('gradStd', n)}.`;
}

/** Histograms: which layers have values beyond the fixed range, and how many. */
export function histogramSummary(rec: Float32Array | null): string {
  if (!rec) return 'No steps yet.';
  if (histBinCount(rec) === 0) return 'This engine sent no histograms.';
  const n = layerCount(rec);
  const h0 = layerHist(rec, 0);
  const range = `[${fmt(h0?.lo ?? Number.NaN)}, ${fmt(h0?.hi ?? Number.NaN)}]`;
  let worst = -1;
  let worstShare = 0;
  let beyond = 0;
  for (let i = 0; i < n; i++) {
    const hist = layerHist(rec, i);
    const out = (hist?.under ?? 0) + (hist?.over ?? 0);
    let total = out;
    for (const c of histBins(rec, i)) total += c;
    const share = total > 0 ? out / total : 0;
    if (out > 0) beyond++;
    if (share > worstShare) {
      worstShare = share;
      worst = i + 1;
    }
  }
  if (beyond === 0) return `Step ${recStep(rec)}: every layer's activations lie within ${range}.`;
  return `Step ${recStep(rec)}: ${beyond} of ${n} layers have activations beyond ${range}, most in layer ${worst} (${fmt(100 * worstShare, 2)} %).`;
}

/** Decision boundary: the share of the plane each class wins (one class everywhere: a vanished signal). */
export function boundarySummary(
  b: { step: number; grid: number; probs: Float32Array } | null,
  k: number,
): string {
  if (!b || k <= 0 || b.probs.length !== b.grid * b.grid * k) return 'No prediction yet.';
  const wins = new Array<number>(k).fill(0);
  const cells = b.grid * b.grid;
  for (let p = 0; p < cells; p++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (b.probs[p * k + c] > b.probs[p * k + best]) best = c;
    wins[best]++;
  }
  const parts = wins.map((w, c) => `class ${c} ${fmt((100 * w) / cells, 2)} %`);
  return `Step ${b.step}: share of the plane predicted as ${parts.join(', ')}.`;
}
