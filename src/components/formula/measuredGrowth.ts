// BatchNorm's gradient growth at init as the run measured it: read from the step-0 record (packed, as the
// worker sends it), so the formula card can show it beside the theory, labelled as measured.
import { H, L } from '../../gpu/workerProtocol';
import { perLayer } from '../charts/records';
import type { MeasuredGrowth } from './layerContent';

/** The gradient's growth from the top hidden layer back to layer 1 in a step-0 record, or null. */
export function measuredGrowth(rec: Float32Array | null): MeasuredGrowth | null {
  if (rec?.[H.step] !== 0 || rec[H.nLayers] < 2) return null;
  const g = perLayer(rec, L.gradStd);
  const total = g[0] / g[g.length - 1];
  if (!(total > 0) || !Number.isFinite(total)) return null;
  return { perLayer: total ** (1 / (g.length - 1)), total, layers: g.length };
}
