// Which record the per-layer panels (depth profile, histograms, table) show as "now".
import { recStep } from '../../store/recordView';
import { histories } from '../../store/runtime';
import { useRunStore } from '../../store/runStore';

/**
 * The record the depth profile shows as "now": the latest, or once values went non-finite, the record of
 * the step where that began (later records are NaN throughout and show nothing).
 */
export function shownRecord(): Float32Array | null {
  const h = histories[0];
  const nf = useRunStore.getState().slots[0]?.nonFinite;
  if (nf) {
    const at = h.records.find((r) => recStep(r) === nf.step);
    if (at) return at;
  }
  return h.latest;
}
