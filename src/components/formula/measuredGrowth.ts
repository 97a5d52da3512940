// BatchNorm's gradient growth at init as the run measured it: read from the step-0 record (packed, as the
// worker sends it), so the formula card can show it beside the theory, labelled as measured.
import { layerCount, type PackedRecord, perLayer, recStep } from '../../store/recordView';
import type { MeasuredGrowth } from './layerContent';

/** The gradient's growth from the top hidden layer back to layer 1 in a step-0 record, or null. */
export function measuredGrowth(rec: PackedRecord | null): MeasuredGrowth | null {
  if (!rec || recStep(rec) !== 0 || layerCount(rec) < 2) return null;
  const g = perLayer(rec, 'gradStd');
  const total = g[0] / g[g.length - 1];
  if (!(total > 0) || !Number.isFinite(total)) return null;
  return { perLayer: total ** (1 / (g.length - 1)), total, layers: g.length };
}
